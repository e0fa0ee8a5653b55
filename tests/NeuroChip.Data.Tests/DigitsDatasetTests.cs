namespace NeuroChip.Data.Tests;

public sealed class DigitsDatasetTests
{
    [Fact]
    public void Load_Embedded_Has1797SamplesOf8x8In10Classes()
    {
        Dataset digits = DigitsDataset.Load();

        Assert.Equal(1797, digits.Count);
        Assert.Equal(new SampleShape(1, 8, 8), digits.Shape);
        Assert.Equal(10, digits.ClassCount);
        Assert.Equal(1797 * 64, digits.Features.Length);
    }

    [Fact]
    public void Load_Embedded_ClassCountsMatchTheFile()
    {
        Dataset digits = DigitsDataset.Load();
        var counts = new int[10];
        foreach (int label in digits.Labels)
        {
            counts[label]++;
        }

        // Counted independently with: zcat digits.csv.gz | awk -F, '{c[$65]++} END{for(k in c) print k, c[k]}'
        Assert.Equal(new[] { 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 }, counts);
    }

    [Fact]
    public void Load_Embedded_PixelsScaledByOneSixteenth()
    {
        Dataset digits = DigitsDataset.Load();

        // First line of the file: 0,0,5,13,9,1,0,0,... label 0 → pixels 2 and 3 are 5/16 = 0.3125 and 13/16 = 0.8125.
        Assert.Equal(0.3125f, digits.Sample(0)[2]);
        Assert.Equal(0.8125f, digits.Sample(0)[3]);
        Assert.Equal(0, digits.Labels[0]);

        // Sum of all pixel values in the file, by awk: 561718 → scaled sum 561718 / 16 = 35107.375.
        double sum = 0;
        foreach (float f in digits.Features)
        {
            sum += f;
        }

        Assert.Equal(35107.375, sum, 6);
        Assert.All(digits.Features, f => Assert.InRange(f, 0f, 1f));
    }

    [Fact]
    public void LoadSplit_DefaultTestCount_Gives1437And360()
    {
        DatasetSplit split = DigitsDataset.LoadSplit(seed: 1);

        Assert.Equal(1437, split.Train.Count);
        Assert.Equal(360, split.Test.Count);
    }

    [Fact]
    public void Parse_WrongFieldCount_ThrowsWithLineNumber()
    {
        string text = string.Join(',', Enumerable.Repeat("0", 65)) + "\n" + "1,2,3\n";

        var e = Assert.Throws<UserInputException>(() => DigitsDataset.Parse(new StringReader(text), "test.csv"));

        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("found 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PixelAbove16_Throws()
    {
        string text = "17," + string.Join(',', Enumerable.Repeat("0", 64)) + "\n";

        var e = Assert.Throws<UserInputException>(() => DigitsDataset.Parse(new StringReader(text), "test.csv"));

        Assert.Contains("17", e.Message, StringComparison.Ordinal);
    }
}
