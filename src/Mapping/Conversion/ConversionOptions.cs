using NeuroChip.EventSim;

namespace NeuroChip.Mapping.Conversion;

/// <summary>How <c>AnnToSnnConverter.Convert</c> converts; every field is validated by the converter.</summary>
public sealed record ConversionOptions
{
    public ConversionMethod Method { get; init; } = ConversionMethod.Light;

    /// <summary>The number of timesteps T each layer integrates, which the shift and the calibration target.</summary>
    public int Timesteps { get; init; } = 32;

    /// <summary>Threshold balancing percentile of each layer's activations over the calibration samples (100 = max).</summary>
    public double Percentile { get; init; } = 99.99;

    public int CalibrationSamples { get; init; } = 256;

    /// <summary>Seeds the choice of calibration samples and the mini-batches of weight calibration.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Overrides the steps that <see cref="Method"/> implies (null = the preset).</summary>
    public CalibrationSteps? Steps { get; init; }

    public ShiftPlacement ShiftPlacement { get; init; } = ShiftPlacement.InitialPotential;

    /// <summary>Adam iterations per layer of weight calibration (mini-batches of <see cref="WeightCalibrationBatch"/> samples).</summary>
    public int WeightCalibrationIterations { get; init; } = 200;

    public int WeightCalibrationBatch { get; init; } = 32;

    /// <summary>Adam's step size as a fraction of the layer's RMS weight.</summary>
    public double WeightCalibrationRate { get; init; } = 2e-3;

    /// <summary>The steps this conversion runs: <see cref="Steps"/>, or the preset of <see cref="Method"/>.</summary>
    public CalibrationSteps EffectiveSteps => Steps ?? Method switch
    {
        ConversionMethod.None => CalibrationSteps.None,
        ConversionMethod.Shift => CalibrationSteps.Shift,
        ConversionMethod.Light => CalibrationSteps.Shift | CalibrationSteps.ThresholdMse | CalibrationSteps.BiasCorrection | CalibrationSteps.PotentialCorrection,
        _ => CalibrationSteps.Shift | CalibrationSteps.ThresholdMse | CalibrationSteps.BiasCorrection | CalibrationSteps.PotentialCorrection | CalibrationSteps.WeightCalibration,
    };

    internal void Validate()
    {
        Check(Enum.IsDefined(Method), $"method {Method} is not one of none, shift, light, advanced");
        Check(Timesteps is >= 1 and <= 100_000, $"timesteps = {Timesteps} must be 1 to 100,000");
        Check(Percentile is > 0 and <= 100, $"percentile = {Percentile} must be in (0, 100]");
        Check(CalibrationSamples >= 1, $"calibration samples = {CalibrationSamples} must be at least 1");
        Check(WeightCalibrationIterations >= 0, $"weight calibration iterations = {WeightCalibrationIterations} must be ≥ 0");
        Check(WeightCalibrationBatch >= 1, $"weight calibration batch = {WeightCalibrationBatch} must be at least 1");
        Check(WeightCalibrationRate > 0 && double.IsFinite(WeightCalibrationRate), $"weight calibration rate = {WeightCalibrationRate} must be positive");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new UserInputException($"Conversion options: {message}.");
        }
    }
}
