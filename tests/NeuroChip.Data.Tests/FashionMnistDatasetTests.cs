namespace NeuroChip.Data.Tests;

public sealed class FashionMnistDatasetTests
{
    [Fact]
    public void Load_MissingDirectory_ThrowsNamingDebianPackage()
    {
        var e = Assert.Throws<UserInputException>(() => FashionMnistDataset.Load("/nonexistent/fashion"));

        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/fashion", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FilesWrittenByIdxWriter_ReadsBothParts()
    {
        string dir = Directory.CreateTempSubdirectory("fmnist").FullName;
        try
        {
            Write(dir, FashionMnistDataset.TrainImagesFile, new IdxArray(IdxElementType.UnsignedByte, [3, 2, 2], new byte[12]));
            Write(dir, FashionMnistDataset.TrainLabelsFile, new IdxArray(IdxElementType.UnsignedByte, [3], [0, 1, 9]));
            Write(dir, FashionMnistDataset.TestImagesFile, new IdxArray(IdxElementType.UnsignedByte, [1, 2, 2], [255, 0, 0, 0]));
            Write(dir, FashionMnistDataset.TestLabelsFile, new IdxArray(IdxElementType.UnsignedByte, [1], [4]));

            DatasetSplit split = FashionMnistDataset.Load(dir);

            Assert.Equal(3, split.Train.Count);
            Assert.Equal(new[] { 0, 1, 9 }, split.Train.Labels);
            Assert.Equal(1f, split.Test.Features[0]);
            Assert.Equal(4, split.Test.Labels[0]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_DebianPackageWhenInstalled_Has60000And10000Images()
    {
        // The package is optional on a developer machine; without it the loader must say how to install it.

        DatasetSplit split = FashionMnistDataset.Load();

        // Published sizes (Xiao et al. 2017): 60,000 training and 10,000 test images of 28×28, 6,000 / 1,000 per class.
        Assert.Equal(60000, split.Train.Count);
        Assert.Equal(10000, split.Test.Count);
        Assert.Equal(new SampleShape(1, 28, 28), split.Train.Shape);
        Assert.Equal(6000, split.Train.Labels.Count(l => l == 7));
        Assert.Equal(1000, split.Test.Labels.Count(l => l == 0));
    }

    private static void Write(string dir, string file, IdxArray array) =>
        File.WriteAllBytes(Path.Combine(dir, file + ".gz"), IdxWriter.ToBytes(array, gzip: true));
}
