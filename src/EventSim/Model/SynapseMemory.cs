using NeuroChip.EventSim.Fixed;

namespace NeuroChip.EventSim.Model;

/// <summary>
/// How many bits of a core's synapse memory a row takes. A sparse synapse stores its weight, its
/// target index and (if the row has delays) its delay; a dense row stores only weights, with the
/// first target and the delay in its header.
/// </summary>
public static class SynapseMemory
{
    /// <summary>Bits needed to address one of <paramref name="neurons"/> targets.</summary>
    public static int IndexBits(int neurons) => neurons <= 1 ? 1 : 32 - int.LeadingZeroCount(neurons - 1);

    public static long SparseBits(int synapses, int weightBits, bool hasDelays, int indexBits, int headerBits) =>
        headerBits + ((long)synapses * (weightBits + indexBits + (hasDelays ? BitWidths.DelayBits : 0)));

    public static long DenseBits(int synapses, int weightBits, int headerBits) =>
        headerBits + ((long)synapses * weightBits);

    public static long RowBits(SynapseRow row, int indexBits, int headerBits) => row switch
    {
        SparseRow s => SparseBits(s.Count, s.WeightBits, s.Delays.Length > 0, indexBits, headerBits),
        DenseRow d => DenseBits(d.Count, d.WeightBits, headerBits),
        _ => throw new InvalidOperationException($"Unknown row type {row.GetType().Name}."),
    };

    /// <summary>Total synapse memory a core's rows take, addressing the spec's neurons per core.</summary>
    public static long CoreBits(CoreConfig core, ChipSpec spec)
    {
        int indexBits = IndexBits(spec.Core.MaxNeurons);
        long bits = 0;
        foreach (SynapseRow row in core.Axons)
        {
            bits += RowBits(row, indexBits, spec.Formats.RowHeaderBits);
        }

        return bits;
    }
}
