using NeuroChip.EventSim.Fixed;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>Update stage: post factors, third-factor exponents and the fixed-point weight changes with stochastic rounding.</summary>
public sealed partial class ChipSnn
{
    /// <summary>
    /// The third factor of every post neuron as the controller sends it (a mantissa of the configured width
    /// with the layer's exponent, calibrated on the first learning step), times the neuron's own ψ.
    /// </summary>
    private void PreparePostFactors(PlasticState p, double[] g, int[]? psi, int psiScale)
    {
        int max = (1 << (options.ThirdFactorBits - 1)) - 1;
        double largest = g.Max(Math.Abs);
        p.LargestThisSample = Math.Max(p.LargestThisSample, largest);
        if (!p.Calibrated)
        {
            p.ThirdFactorExponent = largest > 0 ? ExponentFor(largest, max) : 0;
            p.Calibrated = largest > 0;
        }

        double unit = Math.Pow(2, p.ThirdFactorExponent);
        for (int i = 0; i < g.Length; i++)
        {
            long mantissa = Math.Clamp((long)Math.Round(g[i] / unit), -max, max);
            p.PostFactor[i] = mantissa * (psi is null ? psiScale : psi[i]);
        }

        Counters.ThirdFactorPackets += g.Length;
        foreach (LayerSlice slice in p.Layer.Slices)
        {
            (int ew, int ns) = mesh.HopsByAxis(0, slice.CoreId);
            Counters.ThirdFactorHopsEastWest += (long)ew * slice.Count;
            Counters.ThirdFactorHopsNorthSouth += (long)ns * slice.Count;
        }
    }

    /// <summary>The exponent that leaves 8× headroom above <paramref name="largest"/> in a mantissa of <paramref name="max"/>.</summary>
    private static int ExponentFor(double largest, int max) => (int)Math.Ceiling(Math.Log2(largest * 8 / max));

    /// <summary>
    /// Between samples the controller moves each layer's third-factor exponent to the magnitudes it has
    /// seen: up at once when the headroom is gone (errors that grow, e.g. OPZO's feedback estimate building
    /// up, would otherwise clip), down only after they shrank 16-fold. Within a sample the exponent is fixed,
    /// so accumulated updates share one scale.
    /// </summary>
    private void AdaptThirdFactorExponents()
    {
        int max = (1 << (options.ThirdFactorBits - 1)) - 1;
        foreach (PlasticState p in plastic)
        {
            if (p.Calibrated && p.LargestThisSample > 0)
            {
                int wanted = ExponentFor(p.LargestThisSample, max);
                if (wanted > p.ThirdFactorExponent || wanted < p.ThirdFactorExponent - 4)
                {
                    p.ThirdFactorExponent = wanted;
                }
            }

            p.LargestThisSample = 0;
        }
    }

    /// <summary>
    /// ΔW_ji = −η · pre_j · ψ_i · g_i in mantissa units: pre (scaled by <paramref name="preScale"/>), the post factor
    /// ψ·m (scaled by <paramref name="psiScale"/> · 2^−E), and F = η·2^E / (preScale · psiScale · LSB) as a
    /// fixed multiplier and shift. Applied now with stochastic rounding, or accumulated for the end of the sample.
    /// </summary>
    private void Update(PlasticState p, ReadOnlySpan<int> pre, double preScale, int psiScale, bool applyNow)
    {
        FixedScale f = FixedScale.From(rule.LearningRate * LearningRateScale * Math.Pow(2, p.ThirdFactorExponent) / (preScale * psiScale * p.Layer.Lsb));
        p.Scale = f;
        if (!applyNow)
        {
            if (p.Layer.Index == 0)
            {
                // The input's trace is the sample itself, constant over the sample: Σ_t pre·c[t] = pre·Σ_t c[t].
                for (int i = 0; i < p.PostFactor.Length; i++)
                {
                    p.NeuronAccumulator[i] += p.PostFactor[i];
                }
            }
            else
            {
                int post = p.Layer.Post;
                for (int j = 0; j < pre.Length; j++)
                {
                    if (pre[j] != 0)
                    {
                        Span<long> acc = p.SynapseAccumulator.AsSpan(j * post, post);
                        for (int i = 0; i < post; i++)
                        {
                            acc[i] += (long)pre[j] * p.PostFactor[i];
                        }
                    }
                }
            }

            return;
        }

        ApplyProducts(p, pre, p.PostFactor, f);
    }

    private void ApplyAccumulated(PlasticState p)
    {
        if (p.Layer.Index == 0)
        {
            ApplyProducts(p, firstPre, p.NeuronAccumulator, p.Scale);
        }
        else
        {
            int max = (1 << (options.WeightBits - 1)) - 1;
            int post = p.Layer.Post;
            foreach (SliceState s in p.Slices)
            {
                for (int j = 0; j < p.Layer.Pre; j++)
                {
                    Span<short> row = view.DenseRowWeights(s.CoreIndex, j);
                    ReadOnlySpan<long> acc = p.SynapseAccumulator.AsSpan((j * post) + s.Slice.FirstNeuron, s.Slice.Count);
                    for (int i = 0; i < acc.Length; i++)
                    {
                        if (acc[i] != 0)
                        {
                            row[i] = Saturate(row[i] - s.Rng.ShiftRight(acc[i] * p.Scale.Mantissa, p.Scale.Shift), max);
                        }
                    }

                    Counters.SynapticUpdates += s.Slice.Count;
                }
            }
        }
    }

    /// <summary>w_ji ← w_ji − SR(pre_j · c_i · K, S) over every plastic synapse with a non-zero presynaptic factor.</summary>
    private void ApplyProducts(PlasticState p, ReadOnlySpan<int> pre, ReadOnlySpan<long> post, FixedScale f)
    {
        int max = (1 << (options.WeightBits - 1)) - 1;
        foreach (SliceState s in p.Slices)
        {
            ReadOnlySpan<long> c = post.Slice(s.Slice.FirstNeuron, s.Slice.Count);
            for (int j = 0; j < pre.Length; j++)
            {
                if (pre[j] == 0)
                {
                    continue;
                }

                Span<short> row = view.DenseRowWeights(s.CoreIndex, j);
                long a = pre[j] * f.Mantissa;
                for (int i = 0; i < row.Length; i++)
                {
                    if (c[i] != 0)
                    {
                        row[i] = Saturate(row[i] - s.Rng.ShiftRight(a * c[i], f.Shift), max);
                    }
                }

                Counters.SynapticUpdates += row.Length;
            }
        }
    }

    /// <summary>
    /// The presynaptic factor of weight layer <paramref name="l"/>'s update and its scale: the layer's activity, or with
    /// HLOP its projection x − H_oldᵀ·H_old·x off the frozen rows (the first layer's, constant over a sample, is
    /// projected once per sample), which carries <see cref="LateralSubspace.ProjectionFractionBits"/> more fraction bits.
    /// </summary>
    private ReadOnlySpan<int> PreFactor(int l, int[] pre, double scale, out double preScale)
    {
        if (hlop is null || !hlop.Projects(l))
        {
            preScale = scale;
            return pre;
        }

        preScale = scale * (1 << LateralSubspace.ProjectionFractionBits);
        return l == 0 ? firstPre : hlop.Project(l, pre);
    }

    private short Saturate(long w, int max)
    {
        long clipped = FixedMath.SaturateSymmetric(w, max, out bool saturated);
        if (saturated)
        {
            Counters.SaturatedUpdates++;
        }

        return (short)clipped;
    }
}
