using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NeuroChip.EventSim.Fixed;

namespace NeuroChip.EventSim.Engine;

/// <summary>The Deliver phase: one axon event walks its synapse row into the delay ring.</summary>
internal static class Delivery
{
    /// <summary>Adds <c>(weight &lt;&lt; exp) · payload</c> of every synapse of <paramref name="axon"/> into ring slot <c>tick + delay</c>.</summary>
    public static void Deliver(CoreRuntime core, int axon, int payload, int tick)
    {
        SynapseStore store = core.Synapses;
        CompiledRow row = store.Rows[axon];
        int count = row.Count;
        int n = core.NeuronCount;
        int mask = core.RingMask;
        int[] ring = core.Ring;
        core.SynapticOps += count;
        core.TickSynapticOps += count;
        switch (row.Kind)
        {
            case RowKind.SparseUndelayed when payload == 1 && row.Exponent >= 0:
                {
                    // Every target lands in this tick's slot: one base, no per-synapse delay arithmetic or bounds check.
                    ref uint synapse = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(store.Packed), row.Start);
                    ref int slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ring), (tick & mask) * n);
                    int exponent = row.Exponent;
                    for (int k = 0; k < count; k++)
                    {
                        uint s = Unsafe.Add(ref synapse, k);
                        Unsafe.Add(ref slot, SynapseStore.Target(s)) += SynapseStore.Weight(s) << exponent;
                    }

                    break;
                }

            case RowKind.Sparse when payload == 1 && row.Exponent >= 0:
                {
                    ReadOnlySpan<uint> synapses = store.Packed.AsSpan(row.Start, count);
                    int exponent = row.Exponent;
                    foreach (uint s in synapses)
                    {
                        int slot = (tick + SynapseStore.Delay(s)) & mask;
                        ring[(slot * n) + SynapseStore.Target(s)] += SynapseStore.Weight(s) << exponent;
                    }

                    break;
                }

            case RowKind.Sparse:
            case RowKind.SparseUndelayed:
            case RowKind.SparseWide:
                {
                    ReadOnlySpan<uint> synapses = store.Packed.AsSpan(row.Start, count);
                    bool wide = row.Kind == RowKind.SparseWide;
                    for (int k = 0; k < synapses.Length; k++)
                    {
                        uint s = synapses[k];
                        int weight = wide ? store.WideWeights[row.Start + k] : SynapseStore.Weight(s);
                        int slot = (tick + SynapseStore.Delay(s)) & mask;
                        ring[(slot * n) + SynapseStore.Target(s)] += Scale(weight, payload, row.Exponent);
                    }

                    break;
                }

            case RowKind.Dense:
                {
                    (int first, int delay) = store.DenseTargets[axon];
                    ReadOnlySpan<short> weights = store.DenseWeights.AsSpan(row.Start, count);
                    Span<int> target = ring.AsSpan((((tick + delay) & mask) * n) + first, count);
                    if (row.Exponent >= 0)
                    {
                        DenseAdd(weights, target, payload << row.Exponent, 0);
                    }
                    else if (payload is >= -PayloadExactInt32 and <= PayloadExactInt32)
                    {
                        DenseAdd(weights, target, payload, -row.Exponent);
                    }
                    else
                    {
                        for (int k = 0; k < weights.Length; k++)
                        {
                            target[k] += Scale(weights[k], payload, row.Exponent);
                        }
                    }

                    break;
                }
        }
    }

    /// <summary>
    /// Largest payload magnitude whose product with any 16-bit weight fits 32 bits, so that the
    /// right shift of the 32-bit product equals <see cref="Scale"/>'s 64-bit one.
    /// </summary>
    internal const int PayloadExactInt32 = BitWidths.PayloadMax;

    /// <summary>
    /// <c>target[k] += (weights[k] · factor) &gt;&gt; shift</c> in 32-bit wrapping arithmetic (arithmetic shift,
    /// rounding toward −∞ like <see cref="Scale"/>), eight or sixteen lanes at a time.
    /// </summary>
    internal static void DenseAdd(ReadOnlySpan<short> weights, Span<int> target, int factor, int shift)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated && weights.Length >= Vector<short>.Count)
        {
            Vector<int> f = new(factor);
            ReadOnlySpan<Vector<short>> w = MemoryMarshal.Cast<short, Vector<short>>(weights);
            Span<Vector<int>> t = MemoryMarshal.Cast<int, Vector<int>>(target);
            for (int v = 0; v < w.Length; v++)
            {
                Vector.Widen(w[v], out Vector<int> low, out Vector<int> high);
                t[2 * v] += Vector.ShiftRightArithmetic(low * f, shift);
                t[(2 * v) + 1] += Vector.ShiftRightArithmetic(high * f, shift);
            }

            k = w.Length * Vector<short>.Count;
        }

        for (; k < weights.Length; k++)
        {
            target[k] += unchecked(weights[k] * factor) >> shift;
        }
    }

    /// <summary>The accumulated value of one synaptic event; 32-bit wrapping, like the accumulator.</summary>
    public static int Scale(int weight, int payload, int exponent) =>
        unchecked((int)FixedMath.ShiftByExponent((long)weight * payload, exponent));
}
