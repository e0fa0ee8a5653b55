namespace NeuroChip.Data.Tests;

public sealed class DatasetCacheTests
{
    [Fact]
    public void Load_SameSetFromManyThreads_LoadedOnceAndShared()
    {
        var cache = new DatasetCache();
        DatasetSplit[] seen = new DatasetSplit[8];
        Parallel.For(0, seen.Length, i => seen[i] = cache.Load(DigitsDataset.Name, seed: 1));
        Assert.All(seen, s => Assert.Same(seen[0], s));

        // Another seed is another split (the embedded digits: 1,437 train + 360 test either way, different order).
        DatasetSplit other = cache.Load(DigitsDataset.Name, seed: 2);
        Assert.NotSame(seen[0], other);
        Assert.Equal((1437, 360), (other.Train.Count, other.Test.Count));
    }

    [Fact]
    public void Load_FailingSet_NotKeptSoTheNextLoadTriesAgain()
    {
        var cache = new DatasetCache();
        string missing = Path.Combine(Path.GetTempPath(), "neurochip-no-such-dir-" + Guid.NewGuid().ToString("N"));
        Assert.Throws<NeuroChip.EventSim.UserInputException>(() => cache.Load(FashionMnistDataset.Name, 1, missing));
        Directory.CreateDirectory(missing);
        try
        {
            // The files arrive (3 training images of 2×2, 1 test image): a cached failure would throw again; a new load succeeds.
            Write(missing, FashionMnistDataset.TrainImagesFile, new IdxArray(IdxElementType.UnsignedByte, [3, 2, 2], new byte[12]));
            Write(missing, FashionMnistDataset.TrainLabelsFile, new IdxArray(IdxElementType.UnsignedByte, [3], [0, 1, 9]));
            Write(missing, FashionMnistDataset.TestImagesFile, new IdxArray(IdxElementType.UnsignedByte, [1, 2, 2], [255, 0, 0, 0]));
            Write(missing, FashionMnistDataset.TestLabelsFile, new IdxArray(IdxElementType.UnsignedByte, [1], [4]));
            DatasetSplit loaded = cache.Load(FashionMnistDataset.Name, 1, missing);
            Assert.Equal((3, 1), (loaded.Train.Count, loaded.Test.Count));
            Assert.Same(loaded, cache.Load(FashionMnistDataset.Name, 7, missing)); // the official split ignores the seed
        }
        finally
        {
            Directory.Delete(missing, recursive: true);
        }
    }

    private static void Write(string directory, string file, IdxArray array) =>
        File.WriteAllBytes(Path.Combine(directory, file + ".gz"), IdxWriter.ToBytes(array, gzip: true));
}
