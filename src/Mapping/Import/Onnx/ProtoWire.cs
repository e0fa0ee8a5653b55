using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Google.Protobuf;
using NeuroChip.EventSim;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>
/// Wire-level helpers shared by the ONNX message readers and writers: wire-type checks, packed and unpacked
/// repeated scalars, nested messages. Readers skip fields they do not know, as protobuf requires.
/// </summary>
internal static class ProtoWire
{
    /// <summary>Opens the length-delimited field just tagged as its own stream.</summary>
    public static CodedInputStream Nested(CodedInputStream input)
    {
        ReadOnlyMemory<byte> bytes = input.ReadBytes().Memory;
        return MemoryMarshal.TryGetArray(bytes, out ArraySegment<byte> segment) && segment.Array is not null
            ? new CodedInputStream(segment.Array, segment.Offset, segment.Count)
            : new CodedInputStream(bytes.ToArray());
    }

    public static void Expect(uint tag, WireFormat.WireType expected, string context)
    {
        WireFormat.WireType actual = WireFormat.GetTagWireType(tag);
        if (actual != expected)
        {
            throw new UserInputException(
                $"{context}: field {WireFormat.GetTagFieldNumber(tag)} has wire type {actual}, the ONNX specification requires {expected}. The file is corrupt or not an ONNX model.");
        }
    }

    public static string ReadString(CodedInputStream input, uint tag, string context)
    {
        Expect(tag, WireFormat.WireType.LengthDelimited, context);
        return input.ReadString();
    }

    public static long ReadInt64(CodedInputStream input, uint tag, string context)
    {
        Expect(tag, WireFormat.WireType.Varint, context);
        return input.ReadInt64();
    }

    public static int ReadInt32(CodedInputStream input, uint tag, string context)
    {
        Expect(tag, WireFormat.WireType.Varint, context);
        return input.ReadInt32();
    }

    public static byte[] ReadBytes(CodedInputStream input, uint tag, string context)
    {
        Expect(tag, WireFormat.WireType.LengthDelimited, context);
        return input.ReadBytes().ToByteArray();
    }

    public static CodedInputStream ReadMessage(CodedInputStream input, uint tag, string context)
    {
        Expect(tag, WireFormat.WireType.LengthDelimited, context);
        return Nested(input);
    }

    /// <summary>A repeated float, packed (one length-delimited run of little-endian floats) or one per tag.</summary>
    public static void ReadFloats(CodedInputStream input, uint tag, List<float> into, string context)
    {
        switch (WireFormat.GetTagWireType(tag))
        {
            case WireFormat.WireType.Fixed32:
                into.Add(input.ReadFloat());
                break;
            case WireFormat.WireType.LengthDelimited:
                ReadOnlySpan<byte> bytes = input.ReadBytes().Span;
                if (bytes.Length % 4 != 0)
                {
                    throw new UserInputException($"{context}: packed float field holds {bytes.Length} bytes, not a multiple of 4. The file is corrupt.");
                }

                for (int i = 0; i < bytes.Length; i += 4)
                {
                    into.Add(BinaryPrimitives.ReadSingleLittleEndian(bytes[i..]));
                }

                break;
            default:
                Expect(tag, WireFormat.WireType.Fixed32, context);
                break;
        }
    }

    /// <summary>A repeated double, packed or one per tag.</summary>
    public static void ReadDoubles(CodedInputStream input, uint tag, List<double> into, string context)
    {
        switch (WireFormat.GetTagWireType(tag))
        {
            case WireFormat.WireType.Fixed64:
                into.Add(input.ReadDouble());
                break;
            case WireFormat.WireType.LengthDelimited:
                ReadOnlySpan<byte> bytes = input.ReadBytes().Span;
                if (bytes.Length % 8 != 0)
                {
                    throw new UserInputException($"{context}: packed double field holds {bytes.Length} bytes, not a multiple of 8. The file is corrupt.");
                }

                for (int i = 0; i < bytes.Length; i += 8)
                {
                    into.Add(BinaryPrimitives.ReadDoubleLittleEndian(bytes[i..]));
                }

                break;
            default:
                Expect(tag, WireFormat.WireType.Fixed64, context);
                break;
        }
    }

    /// <summary>A repeated varint (int64, int32 or uint64 stored as int64 bits), packed or one per tag.</summary>
    public static void ReadVarints(CodedInputStream input, uint tag, List<long> into, string context)
    {
        switch (WireFormat.GetTagWireType(tag))
        {
            case WireFormat.WireType.Varint:
                into.Add(input.ReadInt64());
                break;
            case WireFormat.WireType.LengthDelimited:
                CodedInputStream packed = Nested(input);
                while (!packed.IsAtEnd)
                {
                    into.Add(packed.ReadInt64());
                }

                break;
            default:
                Expect(tag, WireFormat.WireType.Varint, context);
                break;
        }
    }

    public static byte[] Serialize(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }

    public static void WriteString(CodedOutputStream output, int field, string value)
    {
        if (value.Length > 0)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteString(value);
        }
    }

    public static void WriteInt64(CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }

    public static void WriteBytes(CodedOutputStream output, int field, byte[] value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(UnsafeByteOperations.UnsafeWrap(value));
    }

    public static void WriteMessage(CodedOutputStream output, int field, Action<CodedOutputStream> write) =>
        WriteBytes(output, field, Serialize(write));

    public static void WritePackedFloats(CodedOutputStream output, int field, IReadOnlyList<float> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var bytes = new byte[values.Count * 4];
        for (int i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        WriteBytes(output, field, bytes);
    }

    public static void WritePackedDoubles(CodedOutputStream output, int field, IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var bytes = new byte[values.Count * 8];
        for (int i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        WriteBytes(output, field, bytes);
    }

    public static void WritePackedVarints(CodedOutputStream output, int field, IReadOnlyList<long> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        WriteMessage(output, field, packed =>
        {
            foreach (long v in values)
            {
                packed.WriteInt64(v);
            }
        });
    }
}
