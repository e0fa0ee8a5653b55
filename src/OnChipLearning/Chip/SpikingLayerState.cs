using NeuroChip.OnChipLearning.Rounding;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>
/// What the cores of one spiking layer keep for learning, per neuron: the presynaptic trace â (Q8),
/// and for the last few ticks (a delay line as deep as the network, so the error that reaches a layer
/// later can meet the activity it judges) ψ (Q8), â and the perturbation sign z; plus spike counts and
/// summed ψ over the sample for rate-based rules. Constant in the number of ticks per sample.
/// </summary>
internal sealed class SpikingLayerState
{
    public SpikingLayerState(PlasticLayer incoming, int depth, Func<int, int> coreIndex, ulong seed)
    {
        Incoming = incoming;
        int n = incoming.Post;
        Trace = new int[n];
        Spiked = new bool[n];
        PsiRing = NewRing(depth, n);
        TraceRing = NewRing(depth, n);
        NoiseRing = NewRing(depth, n);
        Count = new int[n];
        PsiSum = new int[n];
        Slices = incoming.Slices.Select((s, k) => new SliceState(s, coreIndex(s.CoreId), new StochasticRounder(seed + (ulong)(k * 7919) + (ulong)s.Ordinal))).ToArray();
    }

    public PlasticLayer Incoming { get; }

    public int Size => Incoming.Post;

    public SliceState[] Slices { get; }

    public int[] Trace { get; }

    public bool[] Spiked { get; }

    public int[][] PsiRing { get; }

    public int[][] TraceRing { get; }

    public int[][] NoiseRing { get; }

    public int[] Count { get; }

    public int[] PsiSum { get; }

    public void Clear()
    {
        Array.Clear(Trace);
        Array.Clear(Count);
        Array.Clear(PsiSum);
        foreach (int[][] ring in new[] { PsiRing, TraceRing, NoiseRing })
        {
            foreach (int[] slot in ring)
            {
                Array.Clear(slot);
            }
        }
    }

    private static int[][] NewRing(int depth, int n) => Enumerable.Range(0, depth).Select(_ => new int[n]).ToArray();
}

/// <summary>One core's share of a layer and that core's own generator.</summary>
internal sealed record SliceState(LayerSlice Slice, int CoreIndex, StochasticRounder Rng);
