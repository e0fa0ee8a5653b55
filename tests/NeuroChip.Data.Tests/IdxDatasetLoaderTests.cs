namespace NeuroChip.Data.Tests;

public sealed class IdxDatasetLoaderTests
{
    [Fact]
    public void FromArrays_TwoImages_ScalesPixelsBy255()
    {
        var images = new IdxArray(IdxElementType.UnsignedByte, [2, 1, 2], [0, 255, 51, 102]);
        var labels = new IdxArray(IdxElementType.UnsignedByte, [2], [3, 9]);

        Dataset d = IdxDatasetLoader.FromArrays(images, labels, "t", 10, "img", "lbl");

        // 51 / 255 = 0.2, 102 / 255 = 0.4
        Assert.Equal(new SampleShape(1, 1, 2), d.Shape);
        Assert.Equal(new[] { 0f, 1f, 0.2f, 0.4f }, d.Features);
        Assert.Equal(new[] { 3, 9 }, d.Labels);
    }

    [Fact]
    public void FromArrays_CountMismatch_ThrowsDimensionMismatch()
    {
        var images = new IdxArray(IdxElementType.UnsignedByte, [2, 1, 1], [0, 0]);
        var labels = new IdxArray(IdxElementType.UnsignedByte, [3], [0, 0, 0]);

        var e = Assert.Throws<UserInputException>(() => IdxDatasetLoader.FromArrays(images, labels, "t", 10, "img", "lbl"));

        Assert.Contains("img holds 2 images but lbl holds 3 labels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromArrays_ImagesNotThreeDimensional_Throws()
    {
        var images = new IdxArray(IdxElementType.UnsignedByte, [2, 1], [0, 0]);
        var labels = new IdxArray(IdxElementType.UnsignedByte, [2], [0, 0]);

        var e = Assert.Throws<UserInputException>(() => IdxDatasetLoader.FromArrays(images, labels, "t", 10, "img", "lbl"));

        Assert.Contains("3-dimensional", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromArrays_LabelBeyondClassCount_Throws()
    {
        var images = new IdxArray(IdxElementType.UnsignedByte, [1, 1, 1], [0]);
        var labels = new IdxArray(IdxElementType.UnsignedByte, [1], [10]);

        Assert.Throws<UserInputException>(() => IdxDatasetLoader.FromArrays(images, labels, "t", 10, "img", "lbl"));
    }
}
