using NeuroChip.EventSim;

namespace NeuroChip.Mapping.Conversion;

/// <summary>
/// Labelled samples to evaluate a network on: sample i is <c>Features[i·SampleSize .. (i+1)·SampleSize)</c> and has class
/// <c>Labels[i]</c>. The arrays are borrowed, not copied; the evaluator only reads them.
/// </summary>
public sealed class LabelledSamples
{
    public LabelledSamples(string name, float[] features, int[] labels, int sampleSize)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        if ((long)labels.Length * sampleSize != features.Length)
        {
            throw new UserInputException(
                $"Samples '{name}': {features.Length} feature values do not match {labels.Length} labels × {sampleSize} values per sample.");
        }

        Name = name;
        Features = features;
        Labels = labels;
        SampleSize = sampleSize;
    }

    public string Name { get; }

    public float[] Features { get; }

    public int[] Labels { get; }

    public int SampleSize { get; }

    public int Count => Labels.Length;

    /// <summary>The values of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Sample(int index) => Features.AsSpan(index * SampleSize, SampleSize);
}
