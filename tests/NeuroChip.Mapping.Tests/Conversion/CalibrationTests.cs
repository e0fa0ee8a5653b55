namespace NeuroChip.Mapping.Tests.Conversion;

/// <summary>
/// Each calibration step, on a small net at T = 8, measured independently of the converter's own statistics: the mean
/// squared error between a hidden layer's SNN output (spikes in its window / T · θ) and the ANN's ReLU output, on
/// samples the calibration never saw.
/// </summary>
public sealed class CalibrationTests
{
    private const int T = 8;
    private const CalibrationSteps Base = CalibrationSteps.Shift | CalibrationSteps.ThresholdMse;
    private static readonly NetworkGraph Ann = ConversionNets.Mlp(11, 16, 32, 32, 4);
    private static readonly float[] Calibration = ConversionNets.Inputs(12, 256, 16);
    private static readonly float[] HeldOut = ConversionNets.Inputs(13, 128, 16);

    [Theory]
    [InlineData(CalibrationSteps.BiasCorrection)]
    [InlineData(CalibrationSteps.PotentialCorrection)]
    public void Convert_CalibrationStep_ReducesHiddenLayerErrorAgainstAnn(CalibrationSteps step)
    {
        double before = LayerErrors(Base).Sum();
        double after = LayerErrors(Base | step).Sum();
        Assert.True(after < before, $"{step}: error {after:G4} is not below {before:G4} without it");
    }

    [Fact]
    public void Convert_WeightCalibration_ReducesItsObjectiveAndTheCalibrationSetError()
    {
        // Weight calibration is kept only when the spiking layer's error on the calibration samples falls; on this small
        // net it lowers its straight-through objective by a few percent, and the held-out error is not guaranteed to follow.
        ConversionResult result = AnnToSnnConverter.Convert(Ann, Calibration, 256, new ConversionOptions { Steps = Base | CalibrationSteps.WeightCalibration, Timesteps = T });
        LayerConversionStats first = result.Layers[0];
        Assert.True(first.WeightLossAfter < first.WeightLossBefore, $"objective {first.WeightLossAfter} vs {first.WeightLossBefore}");
        Assert.True(first.ErrorAfter < first.ErrorBefore, $"calibration-set error {first.ErrorAfter} vs {first.ErrorBefore}");
        Assert.True(result.Layers[1].ErrorAfter <= result.Layers[1].ErrorBefore);
    }

    [Fact]
    public void Convert_Shift_ReducesHiddenLayerErrorAtSmallT()
    {
        double plain = LayerErrors(CalibrationSteps.None).Sum();
        double shifted = LayerErrors(CalibrationSteps.Shift).Sum();
        Assert.True(shifted < plain, $"shift: {shifted:G4} vs plain {plain:G4}");
    }

    [Fact]
    public void Convert_LightPreset_StatsReportErrorFallingPerLayer()
    {
        ConversionResult result = AnnToSnnConverter.Convert(Ann, Calibration, 256, new ConversionOptions { Method = ConversionMethod.Light, Timesteps = T });
        Assert.Equal(3, result.Layers.Count);
        string[] hidden = ["relu1", "relu2"];
        for (int l = 0; l < hidden.Length; l++)
        {
            LayerConversionStats layer = result.Layers[l];
            Assert.True(layer.ErrorAfter < layer.ErrorBefore, $"{layer.Node}: {layer.ErrorAfter} vs {layer.ErrorBefore}");
            Assert.True(layer.BiasCorrection > 0 && layer.PotentialCorrection > 0);

            // The light preset (shift + MSE threshold) must pick θ from this layer's ANN activations on all 256
            // calibration samples, computed here by a separate forward pass: max is their maximum exactly, and θ is the
            // MSE rule (pinned by hand in ThresholdSelectionTests) applied to them at T = 8 with the shift.
            float[] activations = AnnActivations(hidden[l], Calibration, 256);
            Assert.Equal(activations.Max(), layer.MaxActivation, 6);
            Assert.Equal(ThresholdSelection.MinimumSquaredError(activations, T, shifted: true), layer.Threshold, 6);
        }

        Assert.True(double.IsNaN(result.Layers[2].ErrorBefore));
    }

    [Fact]
    public void Convert_CnnWithAllSteps_ReducesErrorAndKeepsShapes()
    {
        NetworkGraph cnn = ConversionNets.Cnn(21);
        float[] data = ConversionNets.Inputs(22, 128, 36);
        ConversionResult plain = AnnToSnnConverter.Convert(cnn, data, 128, new ConversionOptions { Method = ConversionMethod.Shift, Timesteps = T });
        ConversionResult advanced = AnnToSnnConverter.Convert(cnn, data, 128, new ConversionOptions { Method = ConversionMethod.Advanced, Timesteps = T });
        Assert.True(advanced.Layers[0].ErrorAfter < advanced.Layers[0].ErrorBefore);
        Assert.True(advanced.Layers[0].WeightLossAfter <= advanced.Layers[0].WeightLossBefore);
        Assert.Equal([4, 6, 6], ShapeInference.Infer(advanced.Snn)["relu"]);
        // Pooling after the ReLU is a spiking layer of its own (4 × 3 × 3), so the classifier's fan-in stays 36, not 144.
        Assert.Equal([4, 3, 3], ShapeInference.Infer(advanced.Snn)["pool_if"]);
        Assert.Equal(["relu", "pool_if", "y_if"], advanced.Layers.Select(l => l.Node).ToArray());
        Assert.Equal(ShapeInference.Infer(plain.Snn)["y_if"], ShapeInference.Infer(advanced.Snn)["y_if"]);
    }

    [Fact]
    public void Convert_SameSeed_SameGraphForAnyThreadCount()
    {
        var options = new ConversionOptions { Method = ConversionMethod.Advanced, Timesteps = T };
        ConversionResult one = AnnToSnnConverter.Convert(Ann, Calibration, 256, options, threads: 1);
        ConversionResult two = AnnToSnnConverter.Convert(Ann, Calibration, 256, options, threads: 2);
        Assert.Equal(NetworkGraphJson.Serialize(one.Snn), NetworkGraphJson.Serialize(two.Snn));
    }

    /// <summary>The ANN's activations of <paramref name="node"/> over <paramref name="count"/> samples, concatenated.</summary>
    private static float[] AnnActivations(string node, float[] inputs, int count)
    {
        AnnForwardPass ann = AnnForwardPass.Create(Ann);
        AnnState annState = ann.CreateState();
        var all = new List<float>();
        for (int s = 0; s < count; s++)
        {
            ann.Run(inputs.AsSpan(s * 16, 16), annState);
            all.AddRange(annState.Activation(node).ToArray());
        }

        return [.. all];
    }

    /// <summary>Held-out MSE of each hidden layer's SNN output against the ANN's ReLU output.</summary>
    private static double[] LayerErrors(CalibrationSteps steps)
    {
        ConversionResult result = AnnToSnnConverter.Convert(Ann, Calibration, 256, new ConversionOptions { Steps = steps, Timesteps = T });
        ConvertedSnnFloatTwin snn = ConvertedSnnFloatTwin.Create(result.Snn);
        ConvertedSnnFloatTwinState state = snn.CreateState();
        AnnForwardPass ann = AnnForwardPass.Create(Ann);
        AnnState annState = ann.CreateState();
        string[] hidden = ["relu1", "relu2"];
        var errors = new double[hidden.Length];
        for (int s = 0; s < 128; s++)
        {
            ReadOnlySpan<float> x = HeldOut.AsSpan(s * 16, 16);
            snn.Run(x, T, state);
            ann.Run(x, annState);
            for (int l = 0; l < hidden.Length; l++)
            {
                double theta = result.Layers[l].Threshold;
                ReadOnlySpan<int> counts = state.Counts(snn.PopulationIndex(hidden[l]));
                ReadOnlySpan<float> a = annState.Activation(hidden[l]);
                for (int i = 0; i < counts.Length; i++)
                {
                    double e = a[i] - (counts[i] * theta / T);
                    errors[l] += e * e / (128.0 * counts.Length);
                }
            }
        }

        return errors;
    }
}
