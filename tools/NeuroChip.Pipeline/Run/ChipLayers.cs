using NeuroChip.Mapping;

namespace NeuroChip.Pipeline.Run;

/// <summary>Which layer (population) and which of its neurons each used core holds, from the compiler's partition and placement.</summary>
internal sealed class ChipLayers
{
    private readonly Dictionary<int, (int Layer, int FirstNeuron)> byCore = [];

    public ChipLayers(CompilationResult compiled)
    {
        Names = [.. compiled.Network.Populations.Select(p => p.Name)];
        Sizes = [.. compiled.Network.Populations.Select(p => p.Size)];
        foreach (var slice in compiled.Partition.Slices)
        {
            byCore[compiled.CoreOfSlice[slice.Index]] = (slice.Population, slice.FirstNeuron);
        }
    }

    public IReadOnlyList<string> Names { get; }

    public int[] Sizes { get; }

    /// <summary>The layer of core <paramref name="coreId"/> and the layer index of the core's neuron 0.</summary>
    public (int Layer, int FirstNeuron) Of(int coreId) => byCore[coreId];

    public string NameOf(int coreId) => Names[byCore[coreId].Layer];
}
