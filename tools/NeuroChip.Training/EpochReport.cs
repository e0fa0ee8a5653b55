namespace NeuroChip.Training;

/// <summary>What one training epoch achieved. TestAccuracy is NaN when no test set was given.</summary>
public sealed record EpochReport(int Epoch, int Epochs, double MeanLoss, double TrainAccuracy, double TestAccuracy, TimeSpan Elapsed);
