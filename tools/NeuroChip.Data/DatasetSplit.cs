namespace NeuroChip.Data;

/// <summary>A training part and a test part of one data set.</summary>
public sealed record DatasetSplit(Dataset Train, Dataset Test);
