namespace NeuroChip.Mapping.Conversion;

/// <summary>
/// ANN → SNN conversion pipelines. Every one replaces ReLU by IF neurons with soft reset and balances
/// thresholds on data; they differ in what corrects the rate error that remains at a small T.
/// </summary>
public enum ConversionMethod
{
    /// <summary>Threshold balancing only: θ = the chosen percentile of each layer's activations.</summary>
    None,

    /// <summary>Balancing plus Deng &amp; Gu's θ/(2T) shift, which turns the IF rate's floor into round.</summary>
    Shift,

    /// <summary>Li et al.'s light pipeline: shift, threshold by minimum squared error, bias and potential correction.</summary>
    Light,

    /// <summary>Light plus weight calibration (Adam on each layer's weights against the ANN's activations).</summary>
    Advanced,
}

/// <summary>The calibration steps after Li et al.; a method is a preset of these, and each can be chosen alone.</summary>
[Flags]
public enum CalibrationSteps
{
    None = 0,

    /// <summary>The θ/(2T) shift (see <see cref="ShiftPlacement"/>).</summary>
    Shift = 1,

    /// <summary>Threshold by minimum squared error between the ANN activation and the analytic IF rate, instead of a percentile.</summary>
    ThresholdMse = 2,

    /// <summary>Per channel: bias += E[a_ANN − r_SNN·θ], measured with the earlier layers already spiking.</summary>
    BiasCorrection = 4,

    /// <summary>Per neuron: initial potential += T·E[a_ANN − r_SNN·θ].</summary>
    PotentialCorrection = 8,

    /// <summary>Adam on the layer's weights to bring the straight-through IF rate of the real SNN input rates to the ANN activation.</summary>
    WeightCalibration = 16,
}

/// <summary>Where the θ/(2T) shift goes: an initial potential of θ/2, or a bias of θ/(2T) on every tick. Both add θ/2 over T ticks.</summary>
public enum ShiftPlacement
{
    InitialPotential,
    Bias,
}
