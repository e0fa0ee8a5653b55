namespace NeuroChip.OnChipLearning.Tests.Appliers;

public sealed class OutputBaselineTests
{
    [Fact]
    public void Centre_SubtractsTheRunningMeanOfEarlierOutputs_PerLabelAndTick()
    {
        var b = new OutputBaseline(outputs: 2, ticks: 2, momentum: 0.5);
        var centred = new double[2];

        // First visit of (label 1, tick 0): b = 0, so õ passes unchanged; b becomes 0.5·õ = [2, 1].
        b.Centre([4, 2], label: 1, tick: 0, centred);
        Assert.Equal([4.0, 2.0], centred);

        // Second visit: [6, 0] − [2, 1] = [4, −1]; b becomes 0.5·[2, 1] + 0.5·[6, 0] = [4, 0.5].
        b.Centre([6, 0], label: 1, tick: 0, centred);
        Assert.Equal([4.0, -1.0], centred);

        // Another label or tick has its own mean, still 0.
        b.Centre([1, 1], label: 0, tick: 0, centred);
        Assert.Equal([1.0, 1.0], centred);
        b.Centre([3, 3], label: 1, tick: 1, centred);
        Assert.Equal([3.0, 3.0], centred);

        // Back to (1, 0): [4, 0.5] is what earlier samples left.
        b.Centre([4, 0.5], label: 1, tick: 0, centred);
        Assert.Equal([0.0, 0.0], centred);
    }

    [Fact]
    public void Constructor_RefusesAMomentumOutsideZeroToOne() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutputBaseline(2, 2, 1.0));
}
