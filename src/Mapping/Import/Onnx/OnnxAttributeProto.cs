using System.Text;
using Google.Protobuf;
using NeuroChip.EventSim;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>
/// AttributeProto: one named node attribute. Graph-valued and sparse attributes are recognised by
/// <see cref="Type"/> but their values are not kept (no supported operator uses them).
/// Fields: name = 1, f = 2, i = 3, s = 4, t = 5, floats = 7, ints = 8, strings = 9, tensors = 10, type = 20.
/// </summary>
public sealed class OnnxAttributeProto
{
    private const int NameField = 1;
    private const int FloatField = 2;
    private const int IntField = 3;
    private const int StringField = 4;
    private const int TensorField = 5;
    private const int FloatsField = 7;
    private const int IntsField = 8;
    private const int StringsField = 9;
    private const int TensorsField = 10;
    private const int TypeField = 20;

    public string Name { get; set; } = "";

    public OnnxAttributeType Type { get; set; }

    public float FloatValue { get; set; }

    public long IntValue { get; set; }

    public byte[] Bytes { get; set; } = [];

    public OnnxTensor? Tensor { get; set; }

    public List<float> Floats { get; } = [];

    public List<long> Ints { get; } = [];

    public List<byte[]> Strings { get; } = [];

    public List<OnnxTensor> Tensors { get; } = [];

    /// <summary>The string value (UTF-8).</summary>
    public string Text => Encoding.UTF8.GetString(Bytes);

    public static OnnxAttributeProto FromInt(string name, long value) => new() { Name = name, Type = OnnxAttributeType.WholeNumber, IntValue = value };

    public static OnnxAttributeProto FromFloat(string name, float value) => new() { Name = name, Type = OnnxAttributeType.RealNumber, FloatValue = value };

    public static OnnxAttributeProto FromText(string name, string value) => new() { Name = name, Type = OnnxAttributeType.Text, Bytes = Encoding.UTF8.GetBytes(value) };

    public static OnnxAttributeProto FromInts(string name, params long[] values)
    {
        var a = new OnnxAttributeProto { Name = name, Type = OnnxAttributeType.WholeNumbers };
        a.Ints.AddRange(values);
        return a;
    }

    public static OnnxAttributeProto FromTensor(string name, OnnxTensor value) => new() { Name = name, Type = OnnxAttributeType.Tensor, Tensor = value };

    internal static OnnxAttributeProto Read(CodedInputStream input, string context)
    {
        var a = new OnnxAttributeProto();
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case NameField: a.Name = ProtoWire.ReadString(input, tag, context); break;
                case FloatField:
                    ProtoWire.Expect(tag, WireFormat.WireType.Fixed32, context);
                    a.FloatValue = input.ReadFloat();
                    break;
                case IntField: a.IntValue = ProtoWire.ReadInt64(input, tag, context); break;
                case StringField: a.Bytes = ProtoWire.ReadBytes(input, tag, context); break;
                case TensorField: a.Tensor = OnnxTensor.Read(ProtoWire.ReadMessage(input, tag, context), $"{context}.t"); break;
                case FloatsField: ProtoWire.ReadFloats(input, tag, a.Floats, context); break;
                case IntsField: ProtoWire.ReadVarints(input, tag, a.Ints, context); break;
                case StringsField: a.Strings.Add(ProtoWire.ReadBytes(input, tag, context)); break;
                case TensorsField: a.Tensors.Add(OnnxTensor.Read(ProtoWire.ReadMessage(input, tag, context), $"{context}.tensors[{a.Tensors.Count}]")); break;
                case TypeField: a.Type = (OnnxAttributeType)ProtoWire.ReadInt32(input, tag, context); break;
                default: input.SkipLastField(); break;
            }
        }

        if (a.Type == OnnxAttributeType.Undefined)
        {
            throw new UserInputException(
                $"{context}: attribute '{a.Name}' has no type; files older than ONNX IR version 2 are not supported. Re-export the model with a current exporter.");
        }

        return a;
    }

    internal void WriteTo(CodedOutputStream output)
    {
        ProtoWire.WriteString(output, NameField, Name);
        switch (Type)
        {
            case OnnxAttributeType.RealNumber:
                output.WriteTag(FloatField, WireFormat.WireType.Fixed32);
                output.WriteFloat(FloatValue);
                break;
            case OnnxAttributeType.WholeNumber:
                ProtoWire.WriteInt64(output, IntField, IntValue);
                break;
            case OnnxAttributeType.Text:
                ProtoWire.WriteBytes(output, StringField, Bytes);
                break;
            case OnnxAttributeType.Tensor when Tensor is not null:
                ProtoWire.WriteMessage(output, TensorField, Tensor.WriteTo);
                break;
            case OnnxAttributeType.RealNumbers:
                ProtoWire.WritePackedFloats(output, FloatsField, Floats);
                break;
            case OnnxAttributeType.WholeNumbers:
                ProtoWire.WritePackedVarints(output, IntsField, Ints);
                break;
            case OnnxAttributeType.Texts:
                foreach (byte[] s in Strings)
                {
                    ProtoWire.WriteBytes(output, StringsField, s);
                }

                break;
            case OnnxAttributeType.Tensors:
                foreach (OnnxTensor t in Tensors)
                {
                    ProtoWire.WriteMessage(output, TensorsField, t.WriteTo);
                }

                break;
            default:
                throw new InvalidOperationException($"Attribute '{Name}' of type {Type} has no value this writer can encode.");
        }

        ProtoWire.WriteInt64(output, TypeField, (int)Type);
    }
}
