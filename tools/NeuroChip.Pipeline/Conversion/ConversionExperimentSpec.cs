using NeuroChip.EventSim;
using NeuroChip.Mapping.Conversion;
using NeuroChip.Training;

namespace NeuroChip.Pipeline.Conversion;

/// <summary>What <see cref="ConversionExperiment.Run"/> measures: one ANN, converted by each method for each T, on one chip.</summary>
public sealed record ConversionExperimentSpec
{
    /// <summary>An ONNX model to convert; null trains the reference model for the data set.</summary>
    public string? ModelPath { get; init; }

    public string Dataset { get; init; } = "digits";

    public string? DataDirectory { get; init; }

    /// <summary>The reference architecture trained when no model is given (null = the data set's default).</summary>
    public ReferenceModelKind? Architecture { get; init; }

    /// <summary>A chip preset name or chip spec file.</summary>
    public string Chip { get; init; } = "nc-ref";

    public IReadOnlyList<int> Timesteps { get; init; } = [8, 16, 32, 64];

    public IReadOnlyList<ConversionMethod> Methods { get; init; } = [ConversionMethod.None, ConversionMethod.Shift, ConversionMethod.Light, ConversionMethod.Advanced];

    /// <summary>Weight mantissa width (null = the chip's).</summary>
    public int? WeightBits { get; init; } = 8;

    public int Threads { get; init; } = 1;

    /// <summary>Test samples to evaluate (0 = all).</summary>
    public int Limit { get; init; }

    public int CalibrationSamples { get; init; } = 256;

    public double Percentile { get; init; } = 99.99;

    public int Seed { get; init; } = 1;

    /// <summary>Also run the float SNN on the test set (the "float SNN" column).</summary>
    public bool FloatSnn { get; init; } = true;

    public void Validate()
    {
        Check(Timesteps.Count > 0 && Timesteps.All(t => t is >= 1 and <= 100_000), $"timesteps [{string.Join(", ", Timesteps)}] must be one or more values from 1 to 100,000");
        Check(Methods.Count > 0, "give at least one conversion method");
        Check(Threads >= 1, $"threads = {Threads} must be at least 1");
        Check(Limit >= 0, $"limit = {Limit} must be ≥ 0 (0 = the whole test set)");
        Check(CalibrationSamples >= 1, $"calibration samples = {CalibrationSamples} must be at least 1");
        Check(Percentile is > 0 and <= 100, $"percentile = {Percentile} must be in (0, 100]");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new UserInputException($"Conversion experiment: {message}.");
        }
    }
}
