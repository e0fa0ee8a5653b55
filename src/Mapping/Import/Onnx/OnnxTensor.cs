using System.Buffers.Binary;
using Google.Protobuf;
using NeuroChip.EventSim;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>
/// TensorProto: a constant tensor (an initializer or an attribute value), row-major. The values are in exactly one
/// of the typed fields or in <see cref="RawData"/> (fixed-width little-endian).
/// Fields: dims = 1, data_type = 2, float_data = 4, int32_data = 5, int64_data = 7, name = 8, raw_data = 9,
/// double_data = 10, uint64_data = 11, data_location = 14 (1 = external).
/// </summary>
public sealed class OnnxTensor
{
    private const int DimsField = 1;
    private const int DataTypeField = 2;
    private const int FloatDataField = 4;
    private const int Int32DataField = 5;
    private const int Int64DataField = 7;
    private const int NameField = 8;
    private const int RawDataField = 9;
    private const int DoubleDataField = 10;
    private const int UInt64DataField = 11;
    private const int DataLocationField = 14;
    private const int ExternalLocation = 1;

    public string Name { get; set; } = "";

    public OnnxDataType DataType { get; set; }

    public List<long> Dims { get; } = [];

    public List<float> FloatData { get; } = [];

    public List<long> Int32Data { get; } = [];

    public List<long> Int64Data { get; } = [];

    public List<double> DoubleData { get; } = [];

    public List<long> UInt64Data { get; } = [];

    public byte[]? RawData { get; set; }

    public bool IsExternal { get; set; }

    /// <summary>A float tensor stored as little-endian raw_data (as most exporters write it).</summary>
    public static OnnxTensor FromFloats(string name, IReadOnlyList<long> dims, ReadOnlySpan<float> values)
    {
        var raw = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), values[i]);
        }

        var tensor = new OnnxTensor { Name = name, DataType = OnnxDataType.FloatingPoint32, RawData = raw };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    /// <summary>An int64 tensor stored in int64_data.</summary>
    public static OnnxTensor FromInt64s(string name, IReadOnlyList<long> dims, IEnumerable<long> values)
    {
        var tensor = new OnnxTensor { Name = name, DataType = OnnxDataType.SignedInteger64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }

    /// <summary>Number of elements: the product of <see cref="Dims"/> (1 for a scalar).</summary>
    public long ElementCount(string context)
    {
        long count = 1;
        foreach (long d in Dims)
        {
            if (d < 0)
            {
                throw new UserInputException($"{context}: tensor '{Name}' has negative dimension {d}.");
            }

            if (d > 0 && count > long.MaxValue / d)
            {
                throw new UserInputException($"{context}: tensor '{Name}' has dimensions [{string.Join(", ", Dims)}] whose element count overflows.");
            }

            count *= d;
        }

        return count;
    }

    /// <summary>The values as floats, converted from any numeric element type.</summary>
    public float[] ToFloatArray(string context)
    {
        int n = CheckedCount(context);
        if (DataType is not (OnnxDataType.FloatingPoint32 or OnnxDataType.FloatingPoint64 or OnnxDataType.FloatingPoint16))
        {
            long[] integers = ToInt64Array(context);
            var converted = new float[n];
            for (int i = 0; i < n; i++)
            {
                converted[i] = integers[i];
            }

            return converted;
        }

        RequireStoredValues(n, context);
        var result = new float[n];
        switch (DataType)
        {
            case OnnxDataType.FloatingPoint32:
                if (RawData is not null)
                {
                    ReadOnlySpan<byte> raw = RawOfSize(n, 4, context);
                    for (int i = 0; i < n; i++)
                    {
                        result[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
                    }
                }
                else
                {
                    CheckCount(FloatData.Count, n, "float_data", context);
                    FloatData.CopyTo(result);
                }

                break;
            case OnnxDataType.FloatingPoint64:
                double[] doubles = ToDoubleValues(n, context);
                for (int i = 0; i < n; i++)
                {
                    result[i] = (float)doubles[i];
                }

                break;
            case OnnxDataType.FloatingPoint16:
                if (RawData is not null)
                {
                    ReadOnlySpan<byte> raw = RawOfSize(n, 2, context);
                    for (int i = 0; i < n; i++)
                    {
                        result[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(raw[(i * 2)..]);
                    }
                }
                else
                {
                    CheckCount(Int32Data.Count, n, "int32_data", context);
                    for (int i = 0; i < n; i++)
                    {
                        result[i] = (float)BitConverter.UInt16BitsToHalf((ushort)Int32Data[i]);
                    }
                }

                break;
        }

        return result;
    }

    /// <summary>The values of an integer or boolean tensor as int64.</summary>
    public long[] ToInt64Array(string context)
    {
        int n = CheckedCount(context);
        (int size, List<long> typed, string field) = DataType switch
        {
            OnnxDataType.SignedInteger64 => (8, Int64Data, "int64_data"),
            OnnxDataType.SignedInteger32 => (4, Int32Data, "int32_data"),
            OnnxDataType.SignedInteger16 or OnnxDataType.UnsignedInteger16 => (2, Int32Data, "int32_data"),
            OnnxDataType.SignedInteger8 or OnnxDataType.UnsignedInteger8 or OnnxDataType.Logical => (1, Int32Data, "int32_data"),
            OnnxDataType.UnsignedInteger32 or OnnxDataType.UnsignedInteger64 => (DataType == OnnxDataType.UnsignedInteger32 ? 4 : 8, UInt64Data, "uint64_data"),
            _ => throw new UserInputException(
                $"{context}: tensor '{Name}' has element type {DataType}, which NeuroChip cannot read as numbers. Export it as float32 or int64."),
        };

        RequireStoredValues(n, context);
        var result = new long[n];
        if (RawData is null)
        {
            CheckCount(typed.Count, n, field, context);
            typed.CopyTo(result);
            return result;
        }

        ReadOnlySpan<byte> raw = RawOfSize(n, size, context);
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<byte> e = raw[(i * size)..];
            result[i] = DataType switch
            {
                OnnxDataType.SignedInteger64 or OnnxDataType.UnsignedInteger64 => BinaryPrimitives.ReadInt64LittleEndian(e),
                OnnxDataType.SignedInteger32 => BinaryPrimitives.ReadInt32LittleEndian(e),
                OnnxDataType.UnsignedInteger32 => BinaryPrimitives.ReadUInt32LittleEndian(e),
                OnnxDataType.SignedInteger16 => BinaryPrimitives.ReadInt16LittleEndian(e),
                OnnxDataType.UnsignedInteger16 => BinaryPrimitives.ReadUInt16LittleEndian(e),
                OnnxDataType.SignedInteger8 => (sbyte)e[0],
                _ => e[0],
            };
        }

        return result;
    }

    private double[] ToDoubleValues(int n, string context)
    {
        RequireStoredValues(n, context);
        var result = new double[n];
        if (RawData is null)
        {
            CheckCount(DoubleData.Count, n, "double_data", context);
            DoubleData.CopyTo(result);
            return result;
        }

        ReadOnlySpan<byte> raw = RawOfSize(n, 8, context);
        for (int i = 0; i < n; i++)
        {
            result[i] = BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * 8)..]);
        }

        return result;
    }

    private int CheckedCount(string context)
    {
        if (IsExternal)
        {
            throw new UserInputException(
                $"{context}: tensor '{Name}' keeps its data in an external file, which NeuroChip does not read. Save the model with all tensors inside the .onnx file.");
        }

        long count = ElementCount(context);
        if (count > Array.MaxLength)
        {
            throw new UserInputException($"{context}: tensor '{Name}' declares {count} elements, more than fit in memory.");
        }

        return (int)count;
    }

    /// <summary>
    /// Checks that the tensor stores the <paramref name="n"/> values its dims declare before anything of that
    /// size is allocated: a few bytes must not be able to claim gigabytes.
    /// </summary>
    private void RequireStoredValues(int n, string context)
    {
        (int size, int typedCount, string field) = DataType switch
        {
            OnnxDataType.FloatingPoint32 => (4, FloatData.Count, "float_data"),
            OnnxDataType.FloatingPoint64 => (8, DoubleData.Count, "double_data"),
            OnnxDataType.FloatingPoint16 => (2, Int32Data.Count, "int32_data"),
            OnnxDataType.SignedInteger64 => (8, Int64Data.Count, "int64_data"),
            OnnxDataType.SignedInteger32 => (4, Int32Data.Count, "int32_data"),
            OnnxDataType.SignedInteger16 or OnnxDataType.UnsignedInteger16 => (2, Int32Data.Count, "int32_data"),
            OnnxDataType.UnsignedInteger32 => (4, UInt64Data.Count, "uint64_data"),
            OnnxDataType.UnsignedInteger64 => (8, UInt64Data.Count, "uint64_data"),
            _ => (1, Int32Data.Count, "int32_data"),
        };
        if (RawData is not null)
        {
            RawOfSize(n, size, context);
        }
        else
        {
            CheckCount(typedCount, n, field, context);
        }
    }

    private ReadOnlySpan<byte> RawOfSize(int n, int size, string context)
    {
        byte[] raw = RawData!;
        if (raw.LongLength != (long)n * size)
        {
            throw new UserInputException(
                $"{context}: tensor '{Name}' of shape [{string.Join(", ", Dims)}] ({DataType}) needs {(long)n * size} bytes of raw_data, found {raw.Length}.");
        }

        return raw;
    }

    private void CheckCount(int actual, int expected, string field, string context)
    {
        if (actual != expected)
        {
            throw new UserInputException(
                $"{context}: tensor '{Name}' of shape [{string.Join(", ", Dims)}] needs {expected} values, its {field} holds {actual}.");
        }
    }

    internal static OnnxTensor Read(CodedInputStream input, string context)
    {
        var t = new OnnxTensor();
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case DimsField: ProtoWire.ReadVarints(input, tag, t.Dims, context); break;
                case DataTypeField: t.DataType = (OnnxDataType)ProtoWire.ReadInt32(input, tag, context); break;
                case FloatDataField: ProtoWire.ReadFloats(input, tag, t.FloatData, context); break;
                case Int32DataField: ProtoWire.ReadVarints(input, tag, t.Int32Data, context); break;
                case Int64DataField: ProtoWire.ReadVarints(input, tag, t.Int64Data, context); break;
                case NameField: t.Name = ProtoWire.ReadString(input, tag, context); break;
                case RawDataField: t.RawData = ProtoWire.ReadBytes(input, tag, context); break;
                case DoubleDataField: ProtoWire.ReadDoubles(input, tag, t.DoubleData, context); break;
                case UInt64DataField: ProtoWire.ReadVarints(input, tag, t.UInt64Data, context); break;
                case DataLocationField: t.IsExternal = ProtoWire.ReadInt32(input, tag, context) == ExternalLocation; break;
                default: input.SkipLastField(); break;
            }
        }

        return t;
    }

    internal void WriteTo(CodedOutputStream output)
    {
        foreach (long d in Dims)
        {
            ProtoWire.WriteInt64(output, DimsField, d);
        }

        ProtoWire.WriteInt64(output, DataTypeField, (int)DataType);
        ProtoWire.WritePackedFloats(output, FloatDataField, FloatData);
        ProtoWire.WritePackedVarints(output, Int32DataField, Int32Data);
        ProtoWire.WritePackedVarints(output, Int64DataField, Int64Data);
        ProtoWire.WriteString(output, NameField, Name);
        if (RawData is not null)
        {
            ProtoWire.WriteBytes(output, RawDataField, RawData);
        }

        ProtoWire.WritePackedDoubles(output, DoubleDataField, DoubleData);
        ProtoWire.WritePackedVarints(output, UInt64DataField, UInt64Data);
        if (IsExternal)
        {
            ProtoWire.WriteInt64(output, DataLocationField, ExternalLocation);
        }
    }
}
