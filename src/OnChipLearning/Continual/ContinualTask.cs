using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Continual;

/// <summary>One task of a sequence: its training and test samples and, for split tasks, the classes it covers (empty = all).</summary>
public sealed record ContinualTask(string Name, SampleSet Train, SampleSet Test, IReadOnlyList<int> Classes);
