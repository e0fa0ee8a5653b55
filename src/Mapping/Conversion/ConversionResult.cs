using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Conversion;

/// <summary>The converted network and what conversion did to each spiking layer.</summary>
public sealed record ConversionResult
{
    /// <summary>
    /// The spiking graph: a current-encoded Input feeding an IF encoder population (θ = 1, so a channel's rate is its
    /// input value), then per ANN layer its linear nodes (weights scaled by the previous layer's threshold, calibrated
    /// biases and weights) and an IF population with soft reset (the ReLU's name), and the Output.
    /// </summary>
    public required NetworkGraph Snn { get; init; }

    /// <summary>Per spiking layer after the encoder, in order; the last is the readout layer.</summary>
    public required IReadOnlyList<LayerConversionStats> Layers { get; init; }

    /// <summary>The steps that ran.</summary>
    public CalibrationSteps Steps { get; init; }

    /// <summary>The T the conversion targeted.</summary>
    public int Timesteps { get; init; }
}

/// <summary>
/// One converted layer: its threshold θ (ANN units), the largest activation seen, the mean |bias correction| (ANN
/// units per tick) and the mean |potential correction| (membrane units).
/// </summary>
public sealed record LayerConversionStats(string Node, double Threshold, double MaxActivation, double BiasCorrection, double PotentialCorrection)
{
    /// <summary>Mean squared error of the layer's SNN output (r·θ) against the ANN activation on the calibration samples, before calibrating this layer.</summary>
    public double ErrorBefore { get; init; } = double.NaN;

    /// <summary>The same error after this layer's calibration steps (NaN when no step measured it).</summary>
    public double ErrorAfter { get; init; } = double.NaN;

    /// <summary>Weight calibration's loss on the calibration samples before and after (NaN when it did not run).</summary>
    public double WeightLossBefore { get; init; } = double.NaN;

    public double WeightLossAfter { get; init; } = double.NaN;
}
