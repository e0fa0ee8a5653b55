using System.Buffers.Binary;

namespace NeuroChip.Data;

/// <summary>
/// An n-dimensional array read from or written to an IDX file. The elements are kept exactly as the file stores
/// them (big-endian, row-major) so that every element type round-trips bit for bit.
/// </summary>
public sealed class IdxArray
{
    public IdxArray(IdxElementType elementType, int[] dimensions, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(data);
        if (dimensions.Length is 0 or > 255)
        {
            throw new ArgumentException($"An IDX array needs 1 to 255 dimensions, not {dimensions.Length}.", nameof(dimensions));
        }

        long count = 1;
        foreach (int d in dimensions)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(dimensions));
            count *= d;
        }

        long expected = count * IdxElementTypes.SizeBytes(elementType);
        if (data.LongLength != expected)
        {
            throw new ArgumentException($"{data.Length} data bytes do not match {count} elements of {elementType}.", nameof(data));
        }

        ElementType = elementType;
        Dimensions = dimensions;
        Data = data;
        Count = count;
    }

    public IdxElementType ElementType { get; }

    public int[] Dimensions { get; }

    /// <summary>Raw element bytes, big-endian, row-major.</summary>
    public byte[] Data { get; }

    public long Count { get; }

    /// <summary>Element <paramref name="index"/> (flat, row-major) as a double; exact for every IDX element type.</summary>
    public double this[long index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            int size = IdxElementTypes.SizeBytes(ElementType);
            ReadOnlySpan<byte> bytes = Data.AsSpan((int)(index * size), size);
            return ElementType switch
            {
                IdxElementType.UnsignedByte => bytes[0],
                IdxElementType.SignedByte => (sbyte)bytes[0],
                IdxElementType.Signed16Bit => BinaryPrimitives.ReadInt16BigEndian(bytes),
                IdxElementType.Signed32Bit => BinaryPrimitives.ReadInt32BigEndian(bytes),
                IdxElementType.Ieee32Bit => BinaryPrimitives.ReadSingleBigEndian(bytes),
                _ => BinaryPrimitives.ReadDoubleBigEndian(bytes),
            };
        }
    }
}
