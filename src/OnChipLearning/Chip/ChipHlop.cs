using NeuroChip.OnChipLearning.Appliers;
using NeuroChip.OnChipLearning.Hlop;
using NeuroChip.OnChipLearning.Rounding;
using NeuroChip.OnChipLearning.Rules;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>
/// HLOP on the chip: one <see cref="LateralSubspace"/> per weight layer, the batch of presynaptic samples (Q8) the
/// lateral loop learns from, and the task schedule — at each new task the rows freeze (merge) and the layers grow
/// by the rows <see cref="HlopSpec.RowsAdded"/> schedules. New rows come from the same seeded generator as the float
/// reference's, so both start from the same H up to the rounding to H's format.
/// </summary>
internal sealed class ChipHlop
{
    private readonly HlopSpec spec;
    private readonly LateralSubspace[] layers;
    private readonly int[][] batches;
    private readonly int[][] projected;
    private readonly Random rng;
    private int pending;

    public ChipHlop(IReadOnlyList<LateralLayer> lateral, HlopSpec spec, SynapseRowAccess rows, Func<int, int> coreIndex, ulong seed, LearningCounters counters)
    {
        this.spec = spec;
        rng = new Random(spec.Seed);
        layers = lateral.Select(l => new LateralSubspace(l, spec, rows,
                l.Slices.Select((s, k) => new SliceState(s, coreIndex(s.CoreId), new StochasticRounder(seed + (ulong)(k * 15_485_863) + (ulong)s.Ordinal))).ToArray(),
                counters))
            .ToArray();
        batches = lateral.Select(l => new int[spec.BatchSize * l.Inputs]).ToArray();
        projected = lateral.Select(l => new int[l.Inputs]).ToArray();
    }

    public IReadOnlyList<LateralSubspace> Layers => layers;

    /// <summary>The task being learned (−1 before the first).</summary>
    public int Task { get; private set; } = -1;

    public void BeginTask(int task)
    {
        Flush();
        HlopSchedule.Advance(layers, spec, Task, task, rng);
        Task = task;
    }

    public bool Projects(int layer) => layers[layer].FrozenRows > 0;

    /// <summary>The presynaptic factor of weight layer <paramref name="layer"/> off the frozen subspace (a buffer reused per layer).</summary>
    public int[] Project(int layer, ReadOnlySpan<int> pre)
    {
        layers[layer].Project(pre, projected[layer]);
        return projected[layer];
    }

    /// <summary>Where the current sample's Q8 presynaptic activity of weight layer <paramref name="layer"/> goes.</summary>
    public Span<int> Slot(int layer) => batches[layer].AsSpan(pending * layers[layer].Layer.Inputs, layers[layer].Layer.Inputs);

    /// <summary>The sample's slots are filled: learn when the batch is full.</summary>
    public void EndSample()
    {
        if (++pending == spec.BatchSize)
        {
            Flush();
        }
    }

    /// <summary>Runs the lateral loop on the samples collected so far (at each full batch and at task ends).</summary>
    public void Flush()
    {
        if (pending == 0)
        {
            return;
        }

        for (int l = 0; l < layers.Length; l++)
        {
            layers[l].Learn(batches[l], pending);
        }

        pending = 0;
    }
}
