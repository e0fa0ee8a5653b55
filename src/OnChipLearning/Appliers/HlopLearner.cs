using NeuroChip.EventSim;
using NeuroChip.OnChipLearning.Continual;
using NeuroChip.OnChipLearning.Hlop;
using NeuroChip.OnChipLearning.Rules;

namespace NeuroChip.OnChipLearning.Appliers;

/// <summary>
/// HLOP on the float reference: a <see cref="ReferenceLearningSnn"/> (any base rule and credit path) whose weight updates see
/// the presynaptic factor projected out of the frozen subspaces, plus one <see cref="HlopSubspace"/> per weight
/// layer learning from what that layer's presynaptic side carries — the sample for the first layer, the firing
/// rates of the hidden layer below for the others — in batches of <see cref="HlopSpec.BatchSize"/>.
/// At each new task the subspaces freeze (merge) and grow by the rows <see cref="HlopSpec.RowsAdded"/> schedules.
/// </summary>
public sealed class HlopLearner : IContinualLearner, IPresynapticProjection
{
    private readonly ReferenceLearningSnn snn;
    private readonly HlopSpec spec;
    private readonly HlopSubspace[] subspaces;
    private readonly float[][] batches;
    private readonly Random rng;
    private int pending;
    private int current = -1;

    public HlopLearner(ReferenceLearningSnn snn, HlopSpec spec)
    {
        IReadOnlyList<string> errors = spec.Validate();
        if (errors.Count > 0)
        {
            throw new UserInputException("Invalid HLOP settings:\n  " + string.Join("\n  ", errors));
        }

        this.snn = snn;
        this.spec = spec;
        rng = new Random(spec.Seed);
        int[] sizes = snn.Network.Sizes;
        subspaces = Enumerable.Range(0, sizes.Length - 1)
            .Select(l => new HlopSubspace(sizes[l], spec.HebbianRate(l), spec.Momentum, spec.Clip, spec.Iterations, spec.LateralTicks, spec.LateralRange))
            .ToArray();
        batches = subspaces.Select(s => new float[spec.BatchSize * s.Inputs]).ToArray();
        snn.Projection = this;
    }

    public ReferenceLearningSnn Network => snn;

    public IReadOnlyList<HlopSubspace> Subspaces => subspaces;

    public double LearningRateScale
    {
        get => snn.LearningRateScale;
        set => snn.LearningRateScale = value;
    }

    /// <summary>Synapse memory of the lateral neurons at <paramref name="bits"/> per weight (H only; the momentum buffer doubles it).</summary>
    public long SubspaceBits(int bits) => subspaces.Sum(s => (long)s.Rows * s.Inputs * bits);

    /// <summary>Lateral (subspace) neurons in all layers.</summary>
    public int LateralNeurons => subspaces.Sum(s => s.Rows);

    public void BeginTask(int task)
    {
        Flush();
        HlopSchedule.Advance(subspaces, spec, current, task, rng);
        current = task;
    }

    public bool Train(ReadOnlySpan<float> x, int label)
    {
        if (current < 0)
        {
            BeginTask(0);
        }

        bool right = snn.Train(x, label);
        for (int l = 0; l < subspaces.Length; l++)
        {
            Span<float> slot = batches[l].AsSpan(pending * subspaces[l].Inputs, subspaces[l].Inputs);
            if (l == 0)
            {
                x.CopyTo(slot);
            }
            else
            {
                snn.CopyRates(l - 1, slot);
            }
        }

        if (++pending == spec.BatchSize)
        {
            Flush();
        }

        return right;
    }

    public int Predict(ReadOnlySpan<float> x) => snn.Predict(x);

    public int Predict(ReadOnlySpan<float> x, ReadOnlySpan<int> classes) => snn.Predict(x, classes);

    /// <summary>Learns the subspaces on the samples collected so far (called at each full batch and at task ends).</summary>
    public void Flush()
    {
        if (pending == 0)
        {
            return;
        }

        for (int l = 0; l < subspaces.Length; l++)
        {
            subspaces[l].Learn(batches[l], pending);
        }

        pending = 0;
    }

    bool IPresynapticProjection.Projects(int layer) => subspaces[layer].FrozenRows > 0;

    void IPresynapticProjection.Project(int layer, ReadOnlySpan<float> pre, Span<float> projected) => subspaces[layer].ProjectOut(pre, projected);
}
