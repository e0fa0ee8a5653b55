namespace NeuroChip.OnChipLearning.Training;

/// <summary>One epoch of training: accuracy on the training samples as seen during training, test accuracy, wall time.</summary>
public sealed record EpochResult(int Epoch, double TrainAccuracy, double TestAccuracy, double Seconds, double SamplesPerSecond);
