using System.Buffers.Binary;
using System.IO.Compression;
using NeuroChip.EventSim;

namespace NeuroChip.Data;

/// <summary>
/// Reads IDX files (the MNIST family's format): two zero bytes, an element type code, the number of dimensions,
/// then one big-endian 32-bit size per dimension and the elements, big-endian and row-major. Gzip-compressed
/// files (first bytes 1F 8B) are decompressed transparently.
/// </summary>
public static class IdxReader
{
    private const int HeaderBytes = 4;

    public static IdxArray ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new UserInputException($"IDX file '{path}' does not exist.");
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads one IDX array; <paramref name="source"/> names the input in error messages.</summary>
    public static IdxArray Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes = ReadAll(stream, source);
        return Parse(bytes, source);
    }

    /// <summary>Parses uncompressed or gzip-compressed IDX bytes.</summary>
    public static IdxArray Parse(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
        {
            bytes = Gunzip(bytes, source);
        }

        if (bytes.Length < HeaderBytes)
        {
            throw new UserInputException($"{source}: truncated IDX header ({bytes.Length} bytes, need at least {HeaderBytes}).");
        }

        if (bytes[0] != 0 || bytes[1] != 0)
        {
            throw new UserInputException(
                $"{source}: bad IDX magic number 0x{bytes[0]:X2}{bytes[1]:X2}{bytes[2]:X2}{bytes[3]:X2}; an IDX file starts with two zero bytes. Check that this is an IDX (MNIST-format) file.");
        }

        if (!IdxElementTypes.IsDefined(bytes[2]))
        {
            throw new UserInputException($"{source}: unknown IDX element type code 0x{bytes[2]:X2}; expected 08, 09, 0B, 0C, 0D or 0E.");
        }

        var type = (IdxElementType)bytes[2];
        int rank = bytes[3];
        if (rank == 0)
        {
            throw new UserInputException($"{source}: IDX header declares 0 dimensions; at least one is needed.");
        }

        int dataStart = HeaderBytes + (4 * rank);
        if (bytes.Length < dataStart)
        {
            throw new UserInputException($"{source}: truncated IDX header: {rank} dimensions need {dataStart} header bytes, the file has {bytes.Length}.");
        }

        var dimensions = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(HeaderBytes + (4 * i), 4));
            if (size > int.MaxValue)
            {
                throw new UserInputException($"{source}: dimension {i} has size {size}, larger than this reader supports ({int.MaxValue}).");
            }

            dimensions[i] = (int)size;
            count *= size;
            if (count > Array.MaxLength)
            {
                throw new UserInputException($"{source}: the declared dimensions [{string.Join(", ", dimensions[..(i + 1)])}...] hold more elements than fit in memory.");
            }
        }

        long expectedBytes = count * IdxElementTypes.SizeBytes(type);
        long actualBytes = bytes.Length - dataStart;
        if (actualBytes < expectedBytes)
        {
            throw new UserInputException(
                $"{source}: truncated IDX data: dimensions [{string.Join(", ", dimensions)}] of {type} need {expectedBytes} bytes, only {actualBytes} present. Re-download or reinstall the file.");
        }

        if (actualBytes > expectedBytes)
        {
            throw new UserInputException(
                $"{source}: {actualBytes - expectedBytes} unexpected bytes after the IDX data; dimensions [{string.Join(", ", dimensions)}] of {type} need exactly {expectedBytes} bytes.");
        }

        return new IdxArray(type, dimensions, bytes.AsSpan(dataStart).ToArray());
    }

    private static byte[] ReadAll(Stream stream, string source)
    {
        try
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (IOException e)
        {
            throw new UserInputException($"{source}: cannot read: {e.Message}", e);
        }
    }

    private static byte[] Gunzip(byte[] compressed, string source)
    {
        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new UserInputException($"{source}: corrupt gzip data ({e.Message}). Re-download or reinstall the file.", e);
        }
    }
}
