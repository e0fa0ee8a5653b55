namespace NeuroChip.Mapping.Partitioning;

/// <summary>
/// How the populations are cut: population p is split into slices of <c>SliceSize[p]</c> neurons
/// (the last may be shorter), numbered from <c>FirstSlice[p]</c>.
/// </summary>
public sealed class PartitionPlan
{
    internal PartitionPlan(IReadOnlyList<CoreSlice> slices, int[] firstSlice, int[] sliceSize, IReadOnlyList<SliceUsage> usage, IReadOnlyList<string> bindingLimits)
    {
        Slices = slices;
        FirstSlice = firstSlice;
        SliceSize = sliceSize;
        Usage = usage;
        BindingLimits = bindingLimits;
    }

    public IReadOnlyList<CoreSlice> Slices { get; }

    public IReadOnlyList<int> FirstSlice { get; }

    public IReadOnlyList<int> SliceSize { get; }

    /// <summary>What each slice takes of its core, in slice order.</summary>
    public IReadOnlyList<SliceUsage> Usage { get; }

    /// <summary>Per population, the limit that stopped its slices from growing ("population size" if none did).</summary>
    public IReadOnlyList<string> BindingLimits { get; }

    /// <summary>The slice that holds neuron <paramref name="neuron"/> of population <paramref name="population"/>.</summary>
    public int SliceOf(int population, int neuron) => FirstSlice[population] + (neuron / SliceSize[population]);

    public int SliceCount(int population) => population + 1 < FirstSlice.Count ? FirstSlice[population + 1] - FirstSlice[population] : Slices.Count - FirstSlice[population];
}
