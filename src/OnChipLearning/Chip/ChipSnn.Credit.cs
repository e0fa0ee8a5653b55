using NeuroChip.OnChipLearning.Rules;
using NeuroChip.OnChipLearning.Surrogates;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>Credit stage: the controller's error and each layer's third factor through the credit path (transpose, random or momentum feedback, zeroth order).</summary>
public sealed partial class ChipSnn
{
    /// <summary>OTTT with the chosen credit path, for the float tick <paramref name="tau"/> whose output was just read.</summary>
    private void LearnOnline(int tau)
    {
        double loss = Loss.Instantaneous(output, label, rule.Gamma, net.Timesteps, error);
        int slot = tau % depth;
        int m = net.Outputs;
        Array.Copy(error, thirdFactor[hidden], m);
        if (rule.Credit == CreditAssignment.Opzo)
        {
            OutputBaseline.EstimateOutput(baseline, output, label, tau, estimateOutput);
        }

        for (int h = hidden - 1; h >= 0; h--)
        {
            double[] g = thirdFactor[h];
            int[] z = spiking[h].NoiseRing[slot];
            switch (rule.Credit)
            {
                case CreditAssignment.Spatial:
                    ReverseProduct(Layout.Layers[h + 1], h + 1 == hidden ? error : Delta(h + 1, slot), g);
                    break;
                case CreditAssignment.Dfa:
                    FeedbackProduct(feedback[h], null, m, g);
                    break;
                case CreditAssignment.Opzo:
                    UpdateFeedbackEstimate(h, z);
                    FeedbackProduct(null, feedbackMomentum[h], m, g);
                    break;
                case CreditAssignment.ZerothOrder:
                    for (int i = 0; i < g.Length; i++)
                    {
                        g[i] = z[i] * loss / NoiseScale;
                    }

                    break;
            }
        }

        for (int l = 0; l <= hidden; l++)
        {
            PlasticState p = plastic[l];
            int[]? psi = l < hidden ? spiking[l].PsiRing[slot] : null;
            PreparePostFactors(p, thirdFactor[l], psi, psiScale: 1 << SurrogateTable.FractionBits);
            ReadOnlySpan<int> pre = PreFactor(l, l == 0 ? payload : spiking[l - 1].TraceRing[slot], l == 0 ? options.PayloadScale : 1 << SurrogateTable.FractionBits, out double preScale);
            Update(p, pre, preScale, psiScale: 1 << SurrogateTable.FractionBits, applyNow: rule.Schedule == OtttSchedule.PerTick);
        }
    }

    /// <summary>δ of hidden layer h at the delay-line slot, as the controller forms it for the spatial path.</summary>
    private double[] Delta(int h, int slot)
    {
        double[] g = thirdFactor[h];
        int[] psi = spiking[h].PsiRing[slot];
        var d = new double[g.Length];
        for (int i = 0; i < g.Length; i++)
        {
            d[i] = g[i] * psi[i] / (1 << SurrogateTable.FractionBits);
        }

        return d;
    }

    /// <summary>GLSNN after the sample: rate targets from the output error, local rate-based updates.</summary>
    private void LearnRates()
    {
        int m = net.Outputs;
        int t = net.Timesteps;
        SpikingLayerState top = spiking[hidden];
        double[] outError = new double[m];
        double[] outDelta = thirdFactor[hidden];
        for (int c = 0; c < m; c++)
        {
            outError[c] = (top.Count[c] / (double)t) - (c == label ? 1 : 0);
            outDelta[c] = 2 * outError[c] / m;
        }

        Array.Copy(outError, error, m);
        for (int h = hidden - 1; h >= 0; h--)
        {
            double[] d = thirdFactor[h];
            if (h == hidden - 1)
            {
                var through = new double[m];
                for (int c = 0; c < m; c++)
                {
                    through[c] = outDelta[c] * top.PsiSum[c] / (t * (double)(1 << SurrogateTable.FractionBits));
                }

                ReverseProduct(Layout.Layers[hidden], through, d);
                for (int i = 0; i < d.Length; i++)
                {
                    d[i] *= rule.TargetStep;
                }
            }
            else
            {
                FeedbackProduct(feedback[h], null, m, d);
            }
        }

        for (int l = 0; l <= hidden; l++)
        {
            PlasticState p = plastic[l];
            PreparePostFactors(p, thirdFactor[l], spiking[l].PsiSum, psiScale: t << SurrogateTable.FractionBits);
            ReadOnlySpan<int> pre = PreFactor(l, l == 0 ? payload : spiking[l - 1].Count, l == 0 ? options.PayloadScale : t, out double preScale);
            Update(p, pre, preScale, psiScale: t << SurrogateTable.FractionBits, applyNow: true);
        }
    }

    /// <summary>g_j = Σ_i W[j, i]·d_i, reading the layer's synapse rows in reverse (weight transport).</summary>
    private void ReverseProduct(PlasticLayer layer, ReadOnlySpan<double> d, double[] g)
    {
        Array.Clear(g);
        foreach (LayerSlice slice in layer.Slices)
        {
            int core = view.IndexOf(slice.CoreId);
            for (int j = 0; j < layer.Pre; j++)
            {
                Span<short> row = view.DenseRowWeights(core, j);
                double sum = 0;
                for (int i = 0; i < slice.Count; i++)
                {
                    sum += row[i] * d[slice.FirstNeuron + i];
                }

                g[j] += sum * layer.Lsb;
            }
        }
    }

    private void FeedbackProduct(float[]? b, double[]? mMatrix, int m, double[] g)
    {
        for (int i = 0; i < g.Length; i++)
        {
            double sum = 0;
            for (int c = 0; c < m; c++)
            {
                sum += (b is null ? mMatrix![(i * m) + c] : b[(i * m) + c]) * error[c];
            }

            g[i] = sum;
        }
    }

    /// <summary>OPZO's feedback estimate, kept per neuron: M ← λ_M·M + (1 − λ_M)·z·õᵀ/α (õ − b with the output baseline).</summary>
    private void UpdateFeedbackEstimate(int h, int[] z)
    {
        double[] mMatrix = feedbackMomentum[h];
        int m = net.Outputs;
        double keep = rule.FeedbackMomentum;
        double gain = (1 - rule.FeedbackMomentum) / NoiseScale;
        for (int i = 0; i < z.Length; i++)
        {
            for (int c = 0; c < m; c++)
            {
                int k = (i * m) + c;
                mMatrix[k] = (keep * mMatrix[k]) + (gain * z[i] * estimateOutput[c]);
            }
        }
    }
}
