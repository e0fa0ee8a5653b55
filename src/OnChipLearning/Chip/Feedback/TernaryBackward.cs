using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Fixed;

namespace NeuroChip.OnChipLearning.Chip.Feedback;

/// <summary>
/// SPIDE's backward phase in fixed point: one ternary neuron per feedback neuron (its couple), T_b ticks. The
/// voltage unit is chosen so that a backward spike of neuron i adds exactly its feedback synapse's mantissa
/// W_mant[j, i] to neuron j (B = c / (c_b · LSB_W) units per float, c = 2·V_th, c_b = 2·V_th_b); then
/// <code>
///   v_j ← sat24(v_j + G_j + Σ_i m_i · s_i · W_mant[j, i])    (s from the last tick, G_j = round(scale · g_j · B))
///   s_j = +1 if v_j ≥ θ_b,  −1 if v_j ≤ −θ_b,  else 0;   v_j ← v_j − s_j · 2θ_b;   count_j += s_j
/// </code>
/// with θ_b = V_th_b · B = V_th / LSB_W. The sum reads W in reverse: each backward spike of neuron i reads column
/// i of the synapse array (the rows of all presynaptic j on i's core), which is what the chip's reverse synapse
/// access offers; the event engine only walks rows forward, so this phase runs here, on the same synapse memory.
/// Neurons with m = 0 are gated off (their β is masked out of the update anyway).
/// </summary>
internal sealed class TernaryBackward
{
    private readonly FeedbackLayout layout;
    private readonly int[] coreIndex;
    private readonly int[] v;
    private readonly int[][] spikingColumns;
    private readonly int[][] spikingSigns;
    private readonly int[] spikingCount;

    public TernaryBackward(FeedbackLayout layout, int[] coreIndex, long threshold)
    {
        this.layout = layout;
        this.coreIndex = coreIndex;
        Threshold = threshold;
        int n = layout.Feedback.Post;
        v = new int[n];
        Count = new int[n];
        spikingColumns = layout.Feedback.Slices.Select(s => new int[s.Count]).ToArray();
        spikingSigns = layout.Feedback.Slices.Select(s => new int[s.Count]).ToArray();
        spikingCount = new int[layout.Feedback.Slices.Count];
    }

    /// <summary>θ_b in backward voltage units; a spike subtracts 2·θ_b.</summary>
    public long Threshold { get; }

    /// <summary>Σ_t s_j over the last run: β_j = count_j · c_b / (T_b · scale).</summary>
    public int[] Count { get; }

    /// <summary>Synapses read in reverse (one per backward spike and gated-on presynaptic row).</summary>
    public long ReverseSynapticOps { get; private set; }

    public long BackwardSpikes { get; private set; }

    /// <summary>Backward neuron updates (gated-on neurons × ticks).</summary>
    public long NeuronUpdates { get; private set; }

    /// <summary>Neurons whose count reached ±T_b: β beyond the ternary range (the error scale was too large).</summary>
    public long SaturatedNeurons { get; private set; }

    public void Run(SimulatorView view, ReadOnlySpan<int> injected, ReadOnlySpan<bool> mask, int ticks)
    {
        int n = v.Length;
        Array.Clear(v);
        Array.Clear(Count);
        Array.Clear(spikingCount);
        int active = 0;
        for (int j = 0; j < n; j++)
        {
            active += mask[j] ? 1 : 0;
        }

        long twice = 2 * Threshold;
        IReadOnlyList<LayerSlice> slices = layout.Feedback.Slices;
        for (int t = 0; t < ticks; t++)
        {
            int spikes = 0;
            for (int s = 0; s < slices.Count; s++)
            {
                spikes += spikingCount[s];
            }

            for (int j = 0; j < n; j++)
            {
                if (!mask[j])
                {
                    continue;
                }

                long sum = injected[j];
                if (spikes > 0)
                {
                    int axon = layout.FeedbackAxon(j);
                    for (int s = 0; s < slices.Count; s++)
                    {
                        int k = spikingCount[s];
                        if (k == 0)
                        {
                            continue;
                        }

                        ReadOnlySpan<short> row = view.DenseRowWeights(coreIndex[s], axon);
                        int[] columns = spikingColumns[s];
                        int[] signs = spikingSigns[s];
                        for (int q = 0; q < k; q++)
                        {
                            sum += signs[q] * row[columns[q]];
                        }
                    }
                }

                v[j] = FixedMath.AddSaturating(v[j], sum, BitWidths.StateBits);
            }

            ReverseSynapticOps += (long)spikes * active;
            NeuronUpdates += active;
            Fire(mask, twice);
        }

        for (int j = 0; j < n; j++)
        {
            if (Math.Abs(Count[j]) >= ticks)
            {
                SaturatedNeurons++;
            }
        }
    }

    /// <summary>Ternary threshold and reset; the spikes are gathered per core for the next tick's reverse reads.</summary>
    private void Fire(ReadOnlySpan<bool> mask, long twice)
    {
        IReadOnlyList<LayerSlice> slices = layout.Feedback.Slices;
        for (int s = 0; s < slices.Count; s++)
        {
            LayerSlice slice = slices[s];
            int k = 0;
            for (int i = 0; i < slice.Count; i++)
            {
                int j = slice.FirstNeuron + i;
                int spike = !mask[j] ? 0 : v[j] >= Threshold ? 1 : v[j] <= -Threshold ? -1 : 0;
                if (spike != 0)
                {
                    v[j] = FixedMath.AddSaturating(v[j], -spike * twice, BitWidths.StateBits);
                    Count[j] += spike;
                    spikingColumns[s][k] = i;
                    spikingSigns[s][k++] = spike;
                }
            }

            spikingCount[s] = k;
            BackwardSpikes += k;
        }
    }
}
