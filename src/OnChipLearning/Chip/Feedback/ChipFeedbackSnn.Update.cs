using NeuroChip.EventSim.Fixed;
using NeuroChip.OnChipLearning.Rounding;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Chip.Feedback;

/// <summary>Update stage: SPIDE's local update of R, F and W in fixed point, the third factor's packets and the feedback norm limit.</summary>
public sealed partial class ChipFeedbackSnn
{
    private void Learn(int label)
    {
        int n = net.Hidden;
        int m = net.Outputs;
        Loss.Instantaneous(output, label, Gamma, 1, error);
        int errorExponent = MantissaExponent(error);
        for (int c = 0; c < m; c++)
        {
            errorMantissa[c] = (int)Math.Round(error[c] * Math.Pow(2, -errorExponent));
        }

        // g = R·e, reading the readout rows of every hidden neuron j (reverse access for the error's transport).
        double errorUnit = Layout.Readout.Lsb * Math.Pow(2, errorExponent);
        double largest = 0;
        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<short> row = view.DenseRowWeights(readoutCore, j);
            long sum = 0;
            for (int c = 0; c < m; c++)
            {
                sum += row[c] * (long)errorMantissa[c];
            }

            g[j] = sum * errorUnit;
            largest = Math.Max(largest, Math.Abs(g[j]));
        }

        double scale = rule.LossScale > 0 ? rule.LossScale : largest > 0 ? Math.Pow(2, Math.Floor(Math.Log2(net.BackwardReset / 2 / largest))) : 1;
        LastScale = scale;
        int limit = (1 << (options.ThirdFactorBits - 1)) - 1;
        for (int j = 0; j < n; j++)
        {
            mask[j] = counts[j] > 0 && counts[j] < net.Timesteps;
            injected[j] = (int)Math.Clamp(Math.Round(scale * g[j] * backwardUnit), -limit, limit);
        }

        CountThirdFactor(Layout.Feedback, n);
        CountThirdFactor(Layout.Readout, m);
        backward.Run(view, injected, mask, net.BackwardTimesteps);
        for (int i = 0; i < n; i++)
        {
            post[i] = mask[i] ? backward.Count[i] : 0;
        }

        double eta = rule.LearningRate * LearningRateScale;
        double beta = net.BackwardReset / (net.Reset * net.BackwardTimesteps * scale);
        var feedbackScale = FixedScale.From(eta * beta / (net.Timesteps * Layout.Feedback.Lsb));
        var inputScale = FixedScale.From(eta * beta / (options.PayloadScale * Layout.Input.Lsb));
        var readoutScale = FixedScale.From(eta * Math.Pow(2, errorExponent) / (net.Timesteps * Layout.Readout.Lsb));
        LastFeedbackFactor = feedbackScale.Value;
        UpdateReadout(readoutScale);
        UpdateHidden(inputScale, feedbackScale);
        LimitFeedbackNorm();
    }

    /// <summary>The exponent X that puts max|v| into a 16-bit mantissa: |v| / 2^X ≤ 2^15 − 1.</summary>
    private int MantissaExponent(ReadOnlySpan<double> values)
    {
        double largest = 0;
        foreach (double v in values)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }

        int max = (1 << (options.ThirdFactorBits - 1)) - 1;
        return largest > 0 ? (int)Math.Ceiling(Math.Log2(largest / max)) : 0;
    }

    private void CountThirdFactor(PlasticLayer layer, int packets)
    {
        Counters.ThirdFactorPackets += packets;
        foreach (LayerSlice slice in layer.Slices)
        {
            (int ew, int ns) = mesh.HopsByAxis(0, slice.CoreId);
            Counters.ThirdFactorHopsEastWest += (long)ew * slice.Count;
            Counters.ThirdFactorHopsNorthSouth += (long)ns * slice.Count;
        }
    }

    /// <summary>R[j, c] ← R[j, c] − SR(N_j · E_c · K, S) for every hidden neuron that spiked.</summary>
    private void UpdateReadout(FixedScale k)
    {
        int max = (1 << (options.WeightBits - 1)) - 1;
        for (int j = 0; j < counts.Length; j++)
        {
            if (counts[j] == 0)
            {
                continue;
            }

            Span<short> row = view.DenseRowWeights(readoutCore, j);
            long a = counts[j] * k.Mantissa;
            for (int c = 0; c < row.Length; c++)
            {
                if (errorMantissa[c] != 0)
                {
                    row[c] = Saturate(row[c] - readoutRounder.ShiftRight(a * errorMantissa[c], k.Shift), max);
                }
            }

            Counters.SynapticUpdates += row.Length;
        }
    }

    /// <summary>F and W rows of every hidden core: pre (payload_j or N_j) × post (m_i·count_i) × K, stochastically rounded.</summary>
    private void UpdateHidden(FixedScale inputScale, FixedScale feedbackScale)
    {
        int max = (1 << (options.WeightBits - 1)) - 1;
        for (int s = 0; s < hiddenCores.Length; s++)
        {
            LayerSlice slice = Layout.Feedback.Slices[s];
            ReadOnlySpan<int> c = post.AsSpan(slice.FirstNeuron, slice.Count);
            if (!c.ContainsAnyExcept(0))
            {
                continue;
            }

            for (int j = 0; j < net.Inputs; j++)
            {
                if (payload[j] != 0)
                {
                    UpdateRow(view.DenseRowWeights(hiddenCores[s], j), payload[j] * inputScale.Mantissa, inputScale.Shift, c, rounders[s], max, squares: false);
                }
            }

            for (int j = 0; j < net.Hidden; j++)
            {
                if (counts[j] != 0)
                {
                    UpdateRow(view.DenseRowWeights(hiddenCores[s], Layout.FeedbackAxon(j)), counts[j] * feedbackScale.Mantissa, feedbackScale.Shift, c, rounders[s], max, squares: true);
                }
            }
        }
    }

    private void UpdateRow(Span<short> row, long a, int shift, ReadOnlySpan<int> c, StochasticRounder rng, int max, bool squares)
    {
        long change = 0;
        for (int i = 0; i < row.Length; i++)
        {
            if (c[i] != 0)
            {
                short before = row[i];
                row[i] = Saturate(before - rng.ShiftRight(a * c[i], shift), max);
                change += (row[i] * (long)row[i]) - (before * (long)before);
            }
        }

        if (squares)
        {
            feedbackSquares += change;
        }

        Counters.SynapticUpdates += row.Length;
    }

    /// <summary>‖W‖_F above the bound: every W row is scaled by bound/‖W‖ (stochastically rounded) and the squares recounted.</summary>
    private void LimitFeedbackNorm()
    {
        double norm = Math.Sqrt(feedbackSquares) * Layout.Feedback.Lsb;
        if (rule.FeedbackNormBound <= 0 || norm <= rule.FeedbackNormBound)
        {
            return;
        }

        var k = FixedScale.From(rule.FeedbackNormBound / norm);
        for (int s = 0; s < hiddenCores.Length; s++)
        {
            for (int j = 0; j < net.Hidden; j++)
            {
                Span<short> row = view.DenseRowWeights(hiddenCores[s], Layout.FeedbackAxon(j));
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = (short)rounders[s].ShiftRight(row[i] * k.Mantissa, k.Shift);
                }

                Counters.SynapticUpdates += row.Length;
            }
        }

        FeedbackRescales++;
        feedbackSquares = SumOfSquares();
    }

    private double SumOfSquares()
    {
        double sum = 0;
        for (int s = 0; s < hiddenCores.Length; s++)
        {
            for (int j = 0; j < net.Hidden; j++)
            {
                foreach (short w in view.DenseRowWeights(hiddenCores[s], Layout.FeedbackAxon(j)))
                {
                    sum += w * (double)w;
                }
            }
        }

        return sum;
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
