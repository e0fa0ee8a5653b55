using System.Numerics.Tensors;
using NeuroChip.OnChipLearning.Rules;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Appliers;

/// <summary>One training sample: OTTT's and GLSNN's tick loops, which run the Forward, Credit and Update stages in the rule's order.</summary>
public sealed partial class ReferenceLearningSnn
{
    private bool TrainOttt(ReadOnlySpan<float> x, int label)
    {
        ResetState();
        ComputeInputCurrent(x);
        int hidden = net.Hidden.Count;
        int m = net.Outputs;
        bool noisy = rule.Credit is CreditAssignment.Opzo or CreditAssignment.ZerothOrder || rule.ForwardNoise;
        Array.Clear(deltaSumFirst);
        for (int t = 0; t < net.Timesteps; t++)
        {
            Forward(noisy, spikingOutput: false, antithetic: (t & 1) == 1);
            double loss = Loss.Instantaneous(output, label, rule.Gamma, net.Timesteps, error);
            if (rule.Credit == CreditAssignment.Opzo)
            {
                OutputBaseline.EstimateOutput(baseline, output, label, t, estimateOutput);
            }

            // Third factor for the top hidden layer, then (spatial only) down the stack.
            for (int h = hidden - 1; h >= 0; h--)
            {
                float[] g = delta[h];
                int n = net.Hidden[h];
                switch (rule.Credit)
                {
                    case CreditAssignment.Spatial:
                        if (h == hidden - 1)
                        {
                            TransposedProduct(weights[hidden], n, m, error, g);
                        }
                        else
                        {
                            TransposedProduct(weights[h + 1], n, net.Hidden[h + 1], delta[h + 1], g);
                        }

                        break;
                    case CreditAssignment.Dfa:
                        FeedbackProduct(feedback[h], n, m, error, g);
                        break;
                    case CreditAssignment.Opzo:
                        UpdateFeedbackEstimate(feedback[h], noise[h], n, m);
                        FeedbackProduct(feedback[h], n, m, error, g);
                        break;
                    case CreditAssignment.ZerothOrder:
                        float scale = (float)(loss / rule.NoiseScale);
                        TensorPrimitives.Multiply(noise[h], scale, g);
                        break;
                }

                TensorPrimitives.Multiply(g, psi[h], g);
            }

            // Gradients: output layer from the top trace, hidden layers from the layer below's trace.
            AccumulateOuter(gradients[hidden], PreFactor(hidden, traces[hidden - 1]), error);
            for (int h = hidden - 1; h >= 1; h--)
            {
                AccumulateOuter(gradients[h], PreFactor(h, traces[h - 1]), delta[h]);
            }

            TensorPrimitives.Add(deltaSumFirst, delta[0], deltaSumFirst);
            if (rule.Schedule == OtttSchedule.PerTick)
            {
                ApplyFirstLayer(x);
                ApplyAccumulated(fromLayer: 1);
                ComputeInputCurrent(x);
            }
        }

        if (rule.Schedule == OtttSchedule.PerSample)
        {
            ApplyFirstLayer(x);
            ApplyAccumulated(fromLayer: 1);
        }

        return Readout.ArgMax(outputSum) == label;
    }

    private bool TrainGlsnn(ReadOnlySpan<float> x, int label)
    {
        ResetState();
        ComputeInputCurrent(x);
        for (int t = 0; t < net.Timesteps; t++)
        {
            Forward(withNoise: false, spikingOutput: true);
        }

        int layers = sizes.Length - 1;
        int hidden = net.Hidden.Count;
        int m = net.Outputs;
        float invT = 1f / net.Timesteps;
        for (int l = 0; l <= hidden; l++)
        {
            TensorPrimitives.Multiply(counts[l], invT, counts[l]);   // rates r
            TensorPrimitives.Multiply(psiSum[l], invT, psiSum[l]);   // mean surrogate ψ̄
        }

        ratesNormalised = true;

        // Output: ∂C/∂r_L = 2(r_L − y)/m, through its own surrogate.
        float[] outRate = counts[hidden];
        float[] outDelta = delta[hidden];
        var outError = new double[m];
        for (int c = 0; c < m; c++)
        {
            outError[c] = outRate[c] - (c == label ? 1 : 0);
            outDelta[c] = (float)(2 * outError[c] / m) * psiSum[hidden][c];
        }

        // Targets: last hidden by one step through the output weights, the others by random feedback.
        for (int h = hidden - 1; h >= 0; h--)
        {
            int n = net.Hidden[h];
            float[] d = delta[h];
            if (h == hidden - 1)
            {
                TransposedProduct(weights[hidden], n, m, outDelta, d);
                TensorPrimitives.Multiply(d, (float)rule.TargetStep, d);      // r − h̃ = η_t·∂C/∂r
            }
            else
            {
                FeedbackProduct(feedback[h], n, m, outError, d);            // r − h̃ = B·(r_L − y)
            }

            TensorPrimitives.Multiply(d, psiSum[h], d);
        }

        for (int l = 0; l < layers; l++)
        {
            ReadOnlySpan<float> pre = PreFactor(l, l == 0 ? x : counts[l - 1]);
            AccumulateOuter(gradients[l], pre, delta[l]);
        }

        ApplyAccumulated(fromLayer: 0);
        return Readout.ArgMax(outRate.Select(r => (double)r).ToArray()) == label;
    }
}
