using NeuroChip.EventSim;

namespace NeuroChip.Data;

/// <summary>
/// A labelled data set held in memory: sample i occupies <c>Features[i*Shape.Size .. (i+1)*Shape.Size)</c>
/// (row-major C, H, W) and has class <c>Labels[i]</c> in [0, <see cref="ClassCount"/>).
/// </summary>
public sealed class Dataset
{
    public Dataset(string name, float[] features, int[] labels, SampleShape shape, int classCount)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        shape.Validate($"Data set '{name}'");
        if (classCount < 2)
        {
            throw new UserInputException($"Data set '{name}': class count {classCount} must be at least 2.");
        }

        if ((long)labels.Length * shape.Size != features.Length)
        {
            throw new UserInputException(
                $"Data set '{name}': {features.Length} feature values do not match {labels.Length} labels × {shape.Size} values per sample {shape}.");
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new UserInputException($"Data set '{name}': label {labels[i]} of sample {i} is outside [0, {classCount}).");
            }
        }

        Name = name;
        Features = features;
        Labels = labels;
        Shape = shape;
        ClassCount = classCount;
    }

    public string Name { get; }

    /// <summary>All samples, flat and row-major; do not modify.</summary>
    public float[] Features { get; }

    public int[] Labels { get; }

    public SampleShape Shape { get; }

    public int ClassCount { get; }

    public int Count => Labels.Length;

    /// <summary>The values of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Sample(int index) => Features.AsSpan(index * Shape.Size, Shape.Size);

    /// <summary>A new data set holding the samples at <paramref name="indices"/>, in that order.</summary>
    public Dataset Subset(ReadOnlySpan<int> indices, string name)
    {
        int size = Shape.Size;
        var features = new float[indices.Length * size];
        var labels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            int source = indices[i];
            if ((uint)source >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"Index {source} is outside the {Count} samples of '{Name}'.");
            }

            Sample(source).CopyTo(features.AsSpan(i * size, size));
            labels[i] = Labels[source];
        }

        return new Dataset(name, features, labels, Shape, ClassCount);
    }

    /// <summary>The first <paramref name="count"/> samples (or all, if there are fewer).</summary>
    public Dataset Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int n = Math.Min(count, Count);
        var indices = new int[n];
        for (int i = 0; i < n; i++)
        {
            indices[i] = i;
        }

        return Subset(indices, n == Count ? Name : $"{Name}[0..{n})");
    }
}
