namespace NeuroChip.OnChipLearning.Training;

/// <summary>
/// One epoch of training: accuracy on the training samples as seen during training, test accuracy, wall time, and
/// (DFA, OPZO) the top hidden layer's feedback alignment at the end of the epoch.
/// </summary>
public sealed record EpochResult(int Epoch, double TrainAccuracy, double TestAccuracy, double Seconds, double SamplesPerSecond, double? FeedbackAlignment = null);
