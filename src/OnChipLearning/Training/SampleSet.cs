namespace NeuroChip.OnChipLearning.Training;

/// <summary>Samples as a flat row-major feature array in [0, 1] and their labels.</summary>
public sealed record SampleSet
{
    public required float[] Features { get; init; }

    public required int[] Labels { get; init; }

    public required int FeatureCount { get; init; }

    public required int ClassCount { get; init; }

    public int Count => Labels.Length;

    public ReadOnlySpan<float> Sample(int i) => Features.AsSpan(i * FeatureCount, FeatureCount);

    /// <summary>The first <paramref name="count"/> samples (all when larger).</summary>
    public SampleSet Take(int count)
    {
        int n = Math.Min(count, Count);
        return this with { Features = Features[..(n * FeatureCount)], Labels = Labels[..n] };
    }
}
