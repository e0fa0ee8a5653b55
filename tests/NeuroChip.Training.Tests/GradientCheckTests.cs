namespace NeuroChip.Training.Tests;

public sealed class GradientCheckTests
{
    [Fact]
    public void Accumulate_SmallCnn_MatchesCentralDifferences()
    {
        // Conv (pad 1) → ReLU → Conv (no pad, so its input gradient goes through col2im) → ReLU → AvgPool → Flatten → Dense → ReLU → Dense.
        var spec = new NetworkSpec(new SampleShape(2, 6, 6),
        [
            new Conv2dSpec(3, 3, 1), new ReluSpec(), new Conv2dSpec(2, 3, 0), new ReluSpec(), new AveragePoolSpec(2),
            new FlattenSpec(), new DenseSpec(5), new ReluSpec(), new DenseSpec(3),
        ]);
        var net = ReferenceNetwork.Create(spec, seed: 3);
        var random = new Random(11);

        // Small random weights and biases in [−0.27, 0.33) (instead of zero initial biases) so that no ReLU sits exactly
        // at its kink and the softmax is not saturated (a saturated loss would make every gradient vanish).
        for (int i = 0; i < net.Parameters.Length; i++)
        {
            net.Parameters[i] = (float)((random.NextDouble() - 0.45) * 0.6);
        }

        float[] sample = Enumerable.Range(0, 72).Select(_ => (float)random.NextDouble()).ToArray();
        const int label = 1;

        var workspace = new Workspace(net);
        workspace.Accumulate(sample, label);
        float[] analytic = workspace.ParameterGradient;

        // A small step keeps every perturbation on one side of the ReLU kinks for this seed; float rounding of the loss
        // (about 1e-7 relative) then limits the numeric estimate to about 1e-4, inside the tolerance below.
        const float step = 1e-3f;
        int checkedCount = 0;
        int informative = 0;
        for (int i = 0; i < net.Parameters.Length; i++)
        {
            float original = net.Parameters[i];
            net.Parameters[i] = original + step;
            double plus = Loss(net, sample, label);
            net.Parameters[i] = original - step;
            double minus = Loss(net, sample, label);
            net.Parameters[i] = original;
            double numeric = (plus - minus) / (2 * step);

            Assert.True(Math.Abs(numeric - analytic[i]) <= 2e-3 + (2e-2 * Math.Abs(numeric)),
                $"parameter {i}: analytic {analytic[i]}, numeric {numeric}");
            checkedCount++;
            if (Math.Abs(numeric) > 1e-3)
            {
                informative++;
            }
        }

        // Most gradients must be non-trivial, or the comparison above proves nothing (122 of 176 for this seed).
        Assert.True(informative >= 100, $"only {informative} parameters have a gradient above 1e-3");

        // 3·2·9 + 3 + 2·3·9 + 2 + 5·8 + 5 + 3·5 + 3 parameters
        Assert.Equal(54 + 3 + 54 + 2 + 40 + 5 + 15 + 3, checkedCount);
    }

    private static double Loss(ReferenceNetwork net, float[] sample, int label)
    {
        float[] logits = net.Predict(sample);
        var gradient = new float[logits.Length];
        return SoftmaxCrossEntropy.LossAndGradient(logits, label, gradient);
    }
}
