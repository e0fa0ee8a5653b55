using NeuroChip.EventSim;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>The 2-D attributes of convolution and pooling nodes (kernel, strides, dilations, pads), checked as NeuroChip supports them.</summary>
internal static class OnnxSpatialAttributes
{
    internal static int[] Pair(OnnxNode node, string attribute, int[]? defaultValue, string where)
    {
        IReadOnlyList<long>? values = node.GetInts(attribute);
        if (values is null)
        {
            return defaultValue ?? throw new UserInputException($"{where}: attribute '{attribute}' is required.");
        }

        if (values.Count != 2 || values.Any(v => v < 1 || v > int.MaxValue))
        {
            throw new UserInputException($"{where}: attribute '{attribute}' = [{string.Join(", ", values)}] must be two positive integers (2-D operators only).");
        }

        return [(int)values[0], (int)values[1]];
    }

    /// <summary>ONNX pads [top, left, bottom, right] must be symmetric; auto_pad may be NOTSET or VALID.</summary>
    internal static int[] Pads(OnnxNode node, string where)
    {
        string autoPad = node.GetText("auto_pad", "NOTSET");
        if (autoPad is not ("NOTSET" or "VALID" or ""))
        {
            throw new UserInputException($"{where}: auto_pad = {autoPad} is not supported; export with explicit symmetric pads.");
        }

        IReadOnlyList<long>? pads = node.GetInts("pads");
        if (pads is null || autoPad == "VALID")
        {
            return [0, 0];
        }

        if (pads.Count != 4 || pads[0] != pads[2] || pads[1] != pads[3] || pads.Any(p => p < 0 || p > int.MaxValue))
        {
            throw new UserInputException($"{where}: pads [{string.Join(", ", pads)}] must be four non-negative values with top = bottom and left = right.");
        }

        return [(int)pads[0], (int)pads[1]];
    }
}
