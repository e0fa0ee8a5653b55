using NeuroChip.OnChipLearning.Rounding;
namespace NeuroChip.OnChipLearning.Chip;

/// <summary>Learning state of one plastic weight layer: its cores' generators, post factors and accumulators.</summary>
internal sealed class PlasticState
{
    public PlasticState(PlasticLayer layer, bool accumulates, Func<int, int> coreIndex, ulong seed)
    {
        Layer = layer;
        PostFactor = new long[layer.Post];
        NeuronAccumulator = new long[layer.Post];
        SynapseAccumulator = accumulates && layer.Index > 0 ? new long[layer.Pre * layer.Post] : [];
        Slices = layer.Slices.Select((s, k) => new SliceState(s, coreIndex(s.CoreId), new StochasticRounder(seed + (ulong)(k * 104_729) + (ulong)s.Ordinal))).ToArray();
    }

    public PlasticLayer Layer { get; }

    public SliceState[] Slices { get; }

    /// <summary>ψ_i · m_i for the current learning step.</summary>
    public long[] PostFactor { get; }

    /// <summary>Σ over the sample of the post factor (first layer, whose presynaptic trace is constant).</summary>
    public long[] NeuronAccumulator { get; }

    /// <summary>Σ over the sample of pre_j · post factor_i (per synapse, for OTTT_A on layers after the first).</summary>
    public long[] SynapseAccumulator { get; }

    public int ThirdFactorExponent { get; set; }

    public bool Calibrated { get; set; }

    /// <summary>Largest third-factor magnitude the controller formed for this layer during the current sample.</summary>
    public double LargestThisSample { get; set; }

    public FixedScale Scale { get; set; }

    public void ClearAccumulators()
    {
        Array.Clear(NeuronAccumulator);
        Array.Clear(SynapseAccumulator);
    }
}
