using NeuroChip.EventSim;

namespace NeuroChip.Data;

/// <summary>Deterministic seeded train/test split.</summary>
public static class DatasetSplitter
{
    /// <summary>
    /// Shuffles the sample indices with a Fisher–Yates shuffle driven by <c>new Random(seed)</c> and puts the first
    /// <paramref name="testCount"/> shuffled samples in the test part, the rest in the training part; each part keeps
    /// the shuffled order. The same data set and seed always give the same split.
    /// </summary>
    public static DatasetSplit Split(Dataset dataset, int testCount, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (testCount <= 0 || testCount >= dataset.Count)
        {
            throw new UserInputException(
                $"Data set '{dataset.Name}': a test part of {testCount} samples is impossible with {dataset.Count} samples; choose 1 to {dataset.Count - 1}.");
        }

        var order = new int[dataset.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Shuffle(order, new Random(seed));
        var test = dataset.Subset(order.AsSpan(0, testCount), dataset.Name + "/test");
        var train = dataset.Subset(order.AsSpan(testCount), dataset.Name + "/train");
        return new DatasetSplit(train, test);
    }

    /// <summary>In-place Fisher–Yates shuffle.</summary>
    public static void Shuffle(Span<int> values, Random random)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
