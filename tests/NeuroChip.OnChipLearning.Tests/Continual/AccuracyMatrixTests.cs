namespace NeuroChip.OnChipLearning.Tests.Continual;

public sealed class AccuracyMatrixTests
{
    [Fact]
    public void AccAndBwt_ThreeTasks_MatchTheDefinitions()
    {
        // R = [[0.9, ., .], [0.8, 0.95, .], [0.7, 0.9, 0.85]].
        // ACC = (0.7 + 0.9 + 0.85)/3 = 0.816667; BWT = ((0.7 − 0.9) + (0.9 − 0.95))/2 = −0.125.
        var r = new AccuracyMatrix([[0.9, 0.1, 0.1], [0.8, 0.95, 0.1], [0.7, 0.9, 0.85]]);
        Assert.Equal(0.816667, r.Acc, 5);
        Assert.Equal(-0.125, r.Bwt, 9);
    }

    [Fact]
    public void Construct_NotSquare_Throws()
    {
        Assert.Throws<ArgumentException>(() => new AccuracyMatrix([[0.5, 0.5], [0.5]]));
    }
}
