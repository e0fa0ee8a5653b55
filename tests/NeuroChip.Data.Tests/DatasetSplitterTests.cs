namespace NeuroChip.Data.Tests;

public sealed class DatasetSplitterTests
{
    private static Dataset Numbered(int count)
    {
        // Sample i holds the single value i, label i % 3: each sample is identifiable after shuffling.
        var features = new float[count];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            features[i] = i;
            labels[i] = i % 3;
        }

        return new Dataset("numbered", features, labels, new SampleShape(1, 1, 1), 3);
    }

    [Fact]
    public void Split_SameSeed_GivesIdenticalParts()
    {
        var a = DatasetSplitter.Split(Numbered(100), 20, seed: 42);
        var b = DatasetSplitter.Split(Numbered(100), 20, seed: 42);

        Assert.Equal(a.Test.Features, b.Test.Features);
        Assert.Equal(a.Train.Features, b.Train.Features);
    }

    [Fact]
    public void Split_DifferentSeed_GivesDifferentTestPart()
    {
        var a = DatasetSplitter.Split(Numbered(100), 20, seed: 1);
        var b = DatasetSplitter.Split(Numbered(100), 20, seed: 2);

        Assert.NotEqual(a.Test.Features, b.Test.Features);
    }

    [Fact]
    public void Split_Parts_ArePartitionOfAllSamplesWithLabelsKept()
    {
        var split = DatasetSplitter.Split(Numbered(50), 10, seed: 7);

        var all = split.Train.Features.Concat(split.Test.Features).Select(f => (int)f).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 50).ToArray(), all);
        for (int i = 0; i < split.Test.Count; i++)
        {
            Assert.Equal((int)split.Test.Features[i] % 3, split.Test.Labels[i]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    public void Split_ImpossibleTestCount_Throws(int testCount)
    {
        Assert.Throws<UserInputException>(() => DatasetSplitter.Split(Numbered(50), testCount, seed: 1));
    }

    [Fact]
    public void Constructor_LabelOutOfRange_Throws()
    {
        var e = Assert.Throws<UserInputException>(() => new Dataset("x", new float[2], [0, 5], new SampleShape(1, 1, 1), 3));

        Assert.Contains("label 5 of sample 1", e.Message, StringComparison.Ordinal);
    }
}
