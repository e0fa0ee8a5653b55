using Google.Protobuf;
using NeuroChip.EventSim;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>
/// ModelProto: the top-level ONNX container. Fields: ir_version = 1, producer_name = 2, producer_version = 3,
/// domain = 4, model_version = 5, doc_string = 6, graph = 7, opset_import = 8.
/// </summary>
public sealed class OnnxModel
{
    private const int IrVersionField = 1;
    private const int ProducerNameField = 2;
    private const int ProducerVersionField = 3;
    private const int DomainField = 4;
    private const int ModelVersionField = 5;
    private const int DocStringField = 6;
    private const int GraphField = 7;
    private const int OpsetImportField = 8;

    /// <summary>IR version 8 goes with opsets up to 18 (ONNX 1.13).</summary>
    public long IrVersion { get; set; } = 8;

    public string ProducerName { get; set; } = "";

    public string ProducerVersion { get; set; } = "";

    public string Domain { get; set; } = "";

    public long ModelVersion { get; set; }

    public string DocString { get; set; } = "";

    public List<OnnxOperatorSet> OperatorSets { get; } = [];

    public OnnxGraph Graph { get; set; } = new();

    /// <summary>The version of the standard operator set this model imports.</summary>
    public long DefaultOpsetVersion(string source)
    {
        foreach (OnnxOperatorSet set in OperatorSets)
        {
            if (set.IsDefaultDomain)
            {
                return set.Version;
            }
        }

        throw new UserInputException($"{source}: the model imports no standard ONNX operator set (opset_import has no entry for domain \"\"). Re-export it with an opset between 11 and 17.");
    }

    internal static OnnxModel Read(CodedInputStream input, string context)
    {
        var m = new OnnxModel { IrVersion = 0 };
        bool hasGraph = false;
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case IrVersionField: m.IrVersion = ProtoWire.ReadInt64(input, tag, context); break;
                case ProducerNameField: m.ProducerName = ProtoWire.ReadString(input, tag, context); break;
                case ProducerVersionField: m.ProducerVersion = ProtoWire.ReadString(input, tag, context); break;
                case DomainField: m.Domain = ProtoWire.ReadString(input, tag, context); break;
                case ModelVersionField: m.ModelVersion = ProtoWire.ReadInt64(input, tag, context); break;
                case DocStringField: m.DocString = ProtoWire.ReadString(input, tag, context); break;
                case GraphField:
                    m.Graph = OnnxGraph.Read(ProtoWire.ReadMessage(input, tag, context), $"{context}.graph");
                    hasGraph = true;
                    break;
                case OpsetImportField:
                    m.OperatorSets.Add(OnnxOperatorSet.Read(ProtoWire.ReadMessage(input, tag, context), $"{context}.opset_import[{m.OperatorSets.Count}]"));
                    break;
                default: input.SkipLastField(); break;
            }
        }

        if (!hasGraph)
        {
            throw new UserInputException($"{context}: the model has no graph (ModelProto field 7). The file is empty, corrupt or not an ONNX model.");
        }

        return m;
    }

    internal void WriteTo(CodedOutputStream output)
    {
        ProtoWire.WriteInt64(output, IrVersionField, IrVersion);
        ProtoWire.WriteString(output, ProducerNameField, ProducerName);
        ProtoWire.WriteString(output, ProducerVersionField, ProducerVersion);
        ProtoWire.WriteString(output, DomainField, Domain);
        if (ModelVersion != 0)
        {
            ProtoWire.WriteInt64(output, ModelVersionField, ModelVersion);
        }

        ProtoWire.WriteString(output, DocStringField, DocString);
        ProtoWire.WriteMessage(output, GraphField, Graph.WriteTo);
        foreach (OnnxOperatorSet set in OperatorSets)
        {
            ProtoWire.WriteMessage(output, OpsetImportField, set.WriteTo);
        }
    }
}
