using Google.Protobuf;
using NeuroChip.EventSim;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>
/// NodeProto: one operator application. Fields: input = 1, output = 2, name = 3, op_type = 4, attribute = 5,
/// domain = 7.
/// </summary>
public sealed class OnnxNode
{
    private const int InputField = 1;
    private const int OutputField = 2;
    private const int NameField = 3;
    private const int OpTypeField = 4;
    private const int AttributeField = 5;
    private const int DomainField = 7;

    public string Name { get; set; } = "";

    public string OpType { get; set; } = "";

    public string Domain { get; set; } = "";

    /// <summary>Input value names; an empty name marks an omitted optional input.</summary>
    public List<string> Inputs { get; } = [];

    public List<string> Outputs { get; } = [];

    public List<OnnxAttributeProto> Attributes { get; } = [];

    public OnnxAttributeProto? FindAttribute(string name) => Attributes.Find(a => a.Name == name);

    public long GetInt(string name, long defaultValue) => FindAttribute(name) is { } a ? a.IntValue : defaultValue;

    public float GetFloat(string name, float defaultValue) => FindAttribute(name) is { } a ? a.FloatValue : defaultValue;

    public IReadOnlyList<long>? GetInts(string name) => FindAttribute(name)?.Ints;

    public string GetText(string name, string defaultValue) => FindAttribute(name) is { } a ? a.Text : defaultValue;

    /// <summary>How error messages name this node: its name, or its op type and index when unnamed.</summary>
    public string Describe(int index) => Name.Length > 0 ? $"node '{Name}' ({OpType})" : $"unnamed node #{index} ({OpType})";

    public static OnnxNode Create(string name, string opType, IEnumerable<string> inputs, IEnumerable<string> outputs, params OnnxAttributeProto[] attributes)
    {
        var node = new OnnxNode { Name = name, OpType = opType };
        node.Inputs.AddRange(inputs);
        node.Outputs.AddRange(outputs);
        node.Attributes.AddRange(attributes);
        return node;
    }

    internal static OnnxNode Read(CodedInputStream input, string context)
    {
        var n = new OnnxNode();
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case InputField: n.Inputs.Add(ProtoWire.ReadString(input, tag, context)); break;
                case OutputField: n.Outputs.Add(ProtoWire.ReadString(input, tag, context)); break;
                case NameField: n.Name = ProtoWire.ReadString(input, tag, context); break;
                case OpTypeField: n.OpType = ProtoWire.ReadString(input, tag, context); break;
                case AttributeField:
                    n.Attributes.Add(OnnxAttributeProto.Read(ProtoWire.ReadMessage(input, tag, context), $"{context}.attribute[{n.Attributes.Count}]"));
                    break;
                case DomainField: n.Domain = ProtoWire.ReadString(input, tag, context); break;
                default: input.SkipLastField(); break;
            }
        }

        if (n.OpType.Length == 0)
        {
            throw new UserInputException($"{context}: node '{n.Name}' has no op_type. The file is corrupt or not an ONNX model.");
        }

        return n;
    }

    internal void WriteTo(CodedOutputStream output)
    {
        foreach (string i in Inputs)
        {
            output.WriteTag(InputField, WireFormat.WireType.LengthDelimited);
            output.WriteString(i);
        }

        foreach (string o in Outputs)
        {
            output.WriteTag(OutputField, WireFormat.WireType.LengthDelimited);
            output.WriteString(o);
        }

        ProtoWire.WriteString(output, NameField, Name);
        ProtoWire.WriteString(output, OpTypeField, OpType);
        foreach (OnnxAttributeProto a in Attributes)
        {
            ProtoWire.WriteMessage(output, AttributeField, a.WriteTo);
        }

        ProtoWire.WriteString(output, DomainField, Domain);
    }
}
