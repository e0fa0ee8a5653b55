using Google.Protobuf;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>
/// ValueInfoProto of a tensor value: its name, element type and shape. Non-tensor types (sequences, maps) leave
/// <see cref="ElementType"/> undefined and <see cref="Shape"/> null.
/// Fields: ValueInfoProto name = 1, type = 2; TypeProto tensor_type = 1; TypeProto.Tensor elem_type = 1,
/// shape = 2; TensorShapeProto dim = 1; Dimension dim_value = 1, dim_param = 2.
/// </summary>
public sealed class OnnxValueInfo
{
    private const int NameField = 1;
    private const int TypeField = 2;
    private const int TensorTypeField = 1;
    private const int ElemTypeField = 1;
    private const int ShapeField = 2;
    private const int DimField = 1;
    private const int DimValueField = 1;
    private const int DimParamField = 2;

    public string Name { get; set; } = "";

    public OnnxDataType ElementType { get; set; }

    /// <summary>The declared shape, or null when the file gives none.</summary>
    public List<OnnxDimension>? Shape { get; set; }

    public static OnnxValueInfo Tensor(string name, OnnxDataType elementType, params OnnxDimension[] shape) =>
        new() { Name = name, ElementType = elementType, Shape = [.. shape] };

    internal static OnnxValueInfo Read(CodedInputStream input, string context)
    {
        var v = new OnnxValueInfo();
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case NameField: v.Name = ProtoWire.ReadString(input, tag, context); break;
                case TypeField: ReadType(ProtoWire.ReadMessage(input, tag, context), v, context); break;
                default: input.SkipLastField(); break;
            }
        }

        return v;
    }

    private static void ReadType(CodedInputStream input, OnnxValueInfo v, string context)
    {
        while (input.ReadTag() is var tag and not 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == TensorTypeField)
            {
                ReadTensorType(ProtoWire.ReadMessage(input, tag, context), v, context);
            }
            else
            {
                input.SkipLastField();
            }
        }
    }

    private static void ReadTensorType(CodedInputStream input, OnnxValueInfo v, string context)
    {
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case ElemTypeField: v.ElementType = (OnnxDataType)ProtoWire.ReadInt32(input, tag, context); break;
                case ShapeField: v.Shape = ReadShape(ProtoWire.ReadMessage(input, tag, context), context); break;
                default: input.SkipLastField(); break;
            }
        }
    }

    private static List<OnnxDimension> ReadShape(CodedInputStream input, string context)
    {
        var dims = new List<OnnxDimension>();
        while (input.ReadTag() is var tag and not 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == DimField)
            {
                dims.Add(ReadDimension(ProtoWire.ReadMessage(input, tag, context), context));
            }
            else
            {
                input.SkipLastField();
            }
        }

        return dims;
    }

    private static OnnxDimension ReadDimension(CodedInputStream input, string context)
    {
        long? value = null;
        string? parameter = null;
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case DimValueField: value = ProtoWire.ReadInt64(input, tag, context); break;
                case DimParamField: parameter = ProtoWire.ReadString(input, tag, context); break;
                default: input.SkipLastField(); break;
            }
        }

        return new OnnxDimension(value, parameter);
    }

    internal void WriteTo(CodedOutputStream output)
    {
        ProtoWire.WriteString(output, NameField, Name);
        if (ElementType == OnnxDataType.Undefined && Shape is null)
        {
            return;
        }

        ProtoWire.WriteMessage(output, TypeField, type =>
            ProtoWire.WriteMessage(type, TensorTypeField, tensor =>
            {
                ProtoWire.WriteInt64(tensor, ElemTypeField, (int)ElementType);
                if (Shape is not null)
                {
                    ProtoWire.WriteMessage(tensor, ShapeField, shape =>
                    {
                        foreach (OnnxDimension d in Shape)
                        {
                            ProtoWire.WriteMessage(shape, DimField, dim =>
                            {
                                if (d.Value is long value)
                                {
                                    ProtoWire.WriteInt64(dim, DimValueField, value);
                                }
                                else if (d.Parameter is not null)
                                {
                                    ProtoWire.WriteString(dim, DimParamField, d.Parameter);
                                }
                            });
                        }
                    });
                }
            }));
    }
}
