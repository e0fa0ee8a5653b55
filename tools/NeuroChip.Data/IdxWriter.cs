using System.Buffers.Binary;
using System.IO.Compression;

namespace NeuroChip.Data;

/// <summary>Writes <see cref="IdxArray"/> values in the IDX format, optionally gzip-compressed.</summary>
public static class IdxWriter
{
    public static void Write(Stream stream, IdxArray array, bool gzip = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        if (gzip)
        {
            using var compressed = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
            WriteRaw(compressed, array);
        }
        else
        {
            WriteRaw(stream, array);
        }
    }

    public static byte[] ToBytes(IdxArray array, bool gzip = false)
    {
        using var buffer = new MemoryStream();
        Write(buffer, array, gzip);
        return buffer.ToArray();
    }

    private static void WriteRaw(Stream stream, IdxArray array)
    {
        Span<byte> header = stackalloc byte[4];
        header[0] = 0;
        header[1] = 0;
        header[2] = (byte)array.ElementType;
        header[3] = (byte)array.Dimensions.Length;
        stream.Write(header);
        foreach (int d in array.Dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(header, d);
            stream.Write(header);
        }

        stream.Write(array.Data);
    }
}
