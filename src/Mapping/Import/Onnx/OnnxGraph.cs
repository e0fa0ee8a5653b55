using Google.Protobuf;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>
/// GraphProto: nodes in topological order, constant initializers, graph inputs and outputs.
/// Fields: node = 1, name = 2, initializer = 5, doc_string = 10, input = 11, output = 12, value_info = 13.
/// </summary>
public sealed class OnnxGraph
{
    private const int NodeField = 1;
    private const int NameField = 2;
    private const int InitializerField = 5;
    private const int DocStringField = 10;
    private const int InputField = 11;
    private const int OutputField = 12;
    private const int ValueInfoField = 13;

    public string Name { get; set; } = "";

    public string DocString { get; set; } = "";

    public List<OnnxNode> Nodes { get; } = [];

    public List<OnnxTensor> Initializers { get; } = [];

    /// <summary>Graph inputs; may also list initializers (ONNX IR before version 4 required it).</summary>
    public List<OnnxValueInfo> Inputs { get; } = [];

    public List<OnnxValueInfo> Outputs { get; } = [];

    public List<OnnxValueInfo> ValueInfos { get; } = [];

    internal static OnnxGraph Read(CodedInputStream input, string context)
    {
        var g = new OnnxGraph();
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case NodeField:
                    g.Nodes.Add(OnnxNode.Read(ProtoWire.ReadMessage(input, tag, context), $"{context}.node[{g.Nodes.Count}]"));
                    break;
                case NameField: g.Name = ProtoWire.ReadString(input, tag, context); break;
                case InitializerField:
                    g.Initializers.Add(OnnxTensor.Read(ProtoWire.ReadMessage(input, tag, context), $"{context}.initializer[{g.Initializers.Count}]"));
                    break;
                case DocStringField: g.DocString = ProtoWire.ReadString(input, tag, context); break;
                case InputField:
                    g.Inputs.Add(OnnxValueInfo.Read(ProtoWire.ReadMessage(input, tag, context), $"{context}.input[{g.Inputs.Count}]"));
                    break;
                case OutputField:
                    g.Outputs.Add(OnnxValueInfo.Read(ProtoWire.ReadMessage(input, tag, context), $"{context}.output[{g.Outputs.Count}]"));
                    break;
                case ValueInfoField:
                    g.ValueInfos.Add(OnnxValueInfo.Read(ProtoWire.ReadMessage(input, tag, context), $"{context}.value_info[{g.ValueInfos.Count}]"));
                    break;
                default: input.SkipLastField(); break;
            }
        }

        return g;
    }

    internal void WriteTo(CodedOutputStream output)
    {
        foreach (OnnxNode n in Nodes)
        {
            ProtoWire.WriteMessage(output, NodeField, n.WriteTo);
        }

        ProtoWire.WriteString(output, NameField, Name);
        foreach (OnnxTensor t in Initializers)
        {
            ProtoWire.WriteMessage(output, InitializerField, t.WriteTo);
        }

        ProtoWire.WriteString(output, DocStringField, DocString);
        foreach (OnnxValueInfo v in Inputs)
        {
            ProtoWire.WriteMessage(output, InputField, v.WriteTo);
        }

        foreach (OnnxValueInfo v in Outputs)
        {
            ProtoWire.WriteMessage(output, OutputField, v.WriteTo);
        }

        foreach (OnnxValueInfo v in ValueInfos)
        {
            ProtoWire.WriteMessage(output, ValueInfoField, v.WriteTo);
        }
    }
}
