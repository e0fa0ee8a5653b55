using NeuroChip.EventSim.Fixed;

namespace NeuroChip.EventSim.Engine;

/// <summary>The Deliver phase: one axon event walks its synapse row into the delay ring.</summary>
internal static class Delivery
{
    /// <summary>Adds <c>(weight &lt;&lt; exp) · payload</c> of every synapse of <paramref name="axon"/> into ring slot <c>tick + delay</c>.</summary>
    public static void Deliver(CoreRuntime core, int axon, int payload, int tick)
    {
        CompiledRow row = core.Synapses.Rows[axon];
        int n = core.NeuronCount;
        int mask = core.RingMask;
        int[] ring = core.Ring;
        core.SynapticOps += row.Count;
        core.TickSynapticOps += row.Count;
        switch (row.Kind)
        {
            case RowKind.Sparse when payload == 1 && row.Exponent >= 0:
                {
                    ReadOnlySpan<uint> synapses = core.Synapses.Packed.AsSpan(row.Start, row.Count);
                    int exponent = row.Exponent;
                    foreach (uint s in synapses)
                    {
                        int slot = (tick + SynapseStore.Delay(s)) & mask;
                        ring[(slot * n) + SynapseStore.Target(s)] += SynapseStore.Weight(s) << exponent;
                    }

                    break;
                }

            case RowKind.Sparse:
            case RowKind.SparseWide:
                {
                    ReadOnlySpan<uint> synapses = core.Synapses.Packed.AsSpan(row.Start, row.Count);
                    bool wide = row.Kind == RowKind.SparseWide;
                    for (int k = 0; k < synapses.Length; k++)
                    {
                        uint s = synapses[k];
                        int weight = wide ? core.Synapses.WideWeights[row.Start + k] : SynapseStore.Weight(s);
                        int slot = (tick + SynapseStore.Delay(s)) & mask;
                        ring[(slot * n) + SynapseStore.Target(s)] += Scale(weight, payload, row.Exponent);
                    }

                    break;
                }

            case RowKind.Dense:
                {
                    ReadOnlySpan<short> weights = core.Synapses.DenseWeights.AsSpan(row.Start, row.Count);
                    Span<int> target = ring.AsSpan((((tick + row.Delay) & mask) * n) + row.FirstTarget, row.Count);
                    for (int k = 0; k < weights.Length; k++)
                    {
                        target[k] += Scale(weights[k], payload, row.Exponent);
                    }

                    break;
                }
        }
    }

    /// <summary>The accumulated value of one synaptic event; 32-bit wrapping, like the accumulator.</summary>
    public static int Scale(int weight, int payload, int exponent) =>
        unchecked((int)FixedMath.ShiftByExponent((long)weight * payload, exponent));
}
