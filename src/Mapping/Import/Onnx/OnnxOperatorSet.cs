using Google.Protobuf;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>
/// OperatorSetIdProto: an imported operator set. Domain "" (or "ai.onnx") is the standard ONNX operator set.
/// Fields: domain = 1 (string), version = 2 (int64).
/// </summary>
public sealed record OnnxOperatorSet(string Domain, long Version)
{
    private const int DomainField = 1;
    private const int VersionField = 2;

    public bool IsDefaultDomain => Domain.Length == 0 || Domain == "ai.onnx";

    internal static OnnxOperatorSet Read(CodedInputStream input, string context)
    {
        string domain = "";
        long version = 0;
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case DomainField: domain = ProtoWire.ReadString(input, tag, context); break;
                case VersionField: version = ProtoWire.ReadInt64(input, tag, context); break;
                default: input.SkipLastField(); break;
            }
        }

        return new OnnxOperatorSet(domain, version);
    }

    internal void WriteTo(CodedOutputStream output)
    {
        ProtoWire.WriteString(output, DomainField, Domain);
        ProtoWire.WriteInt64(output, VersionField, Version);
    }
}
