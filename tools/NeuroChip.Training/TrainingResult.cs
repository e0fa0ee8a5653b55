namespace NeuroChip.Training;

/// <summary>The trained network and the per-epoch record.</summary>
public sealed record TrainingResult(ReferenceNetwork Network, IReadOnlyList<EpochReport> Epochs, TimeSpan Elapsed)
{
    public double FinalTestAccuracy => Epochs[^1].TestAccuracy;
}
