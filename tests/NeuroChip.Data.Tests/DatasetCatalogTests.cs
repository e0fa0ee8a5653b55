namespace NeuroChip.Data.Tests;

public sealed class DatasetCatalogTests
{
    [Fact]
    public void Load_Digits_GivesDefaultSplit()
    {
        DatasetSplit split = DatasetCatalog.Load("digits", seed: 3);

        Assert.Equal((1437, 360), (split.Train.Count, split.Test.Count));
    }

    [Fact]
    public void Load_UnknownName_ListsChoices()
    {
        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("cifar", seed: 1));

        Assert.Contains("digits, fashion-mnist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FashionFromMissingDirectory_NamesPackage()
    {
        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("fashion-mnist", seed: 1, "/nonexistent"));

        Assert.Contains("dataset-fashion-mnist", e.Message, StringComparison.Ordinal);
    }
}
