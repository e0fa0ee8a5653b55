namespace NeuroChip.OnChipLearning.Tests.Rules;

public sealed class HlopSpecTests
{
    private static readonly HlopSpec Paper = new();

    [Theory]
    // Task 0 adds FirstTaskRows [80, 200, 100] per layer; layers past the list repeat its last value.
    [InlineData(0, 0, 80)]
    [InlineData(0, 1, 200)]
    [InlineData(0, 5, 100)]
    // Later tasks add LaterTaskRows (70) less 20 rows for every 3 tasks done: shrink = ⌊task / 3⌋ · 20.
    [InlineData(1, 0, 70)]  // ⌊1/3⌋ = 0 → 70
    [InlineData(3, 0, 50)]  // ⌊3/3⌋ = 1 → 70 − 20
    [InlineData(7, 2, 30)]  // ⌊7/3⌋ = 2 → 70 − 40
    [InlineData(12, 0, 0)]  // ⌊12/3⌋ = 4 → 70 − 80 < 0, held at 0
    public void RowsAdded_PaperSchedule_FollowsTheShrinkRule(int task, int layer, int expected)
    {
        Assert.Equal(expected, Paper.RowsAdded(task, layer));
    }

    [Theory]
    [InlineData(4, 784, 270)] // 80 + 70 + 70 + 50 (task 3 shrinks by 20)
    [InlineData(4, 100, 100)] // the same 270 rows capped at the fan-in of 100
    [InlineData(0, 784, 0)]   // no task, no rows
    public void TotalRows_OverTasks_SumsTheScheduleCappedAtTheFanIn(int tasks, int fanIn, int expected)
    {
        Assert.Equal(expected, Paper.TotalRows(tasks, 0, fanIn));
    }

    [Fact]
    public void HebbianRate_BeyondTheList_RepeatsTheLastRate()
    {
        // HebbianRates = [0.001, 0.01]: layer 0 the first, layers 1 and up the last.
        Assert.Equal(0.001, Paper.HebbianRate(0));
        Assert.Equal(0.01, Paper.HebbianRate(1));
        Assert.Equal(0.01, Paper.HebbianRate(4));
    }

    [Fact]
    public void Validate_MomentumOfOneAndNegativeRows_NamesBoth()
    {
        Assert.Empty(Paper.Validate());
        IReadOnlyList<string> errors = (Paper with { Momentum = 1, LaterTaskRows = [-1] }).Validate();
        Assert.Equal(
            ["HLOP rows per task: give at least one non-negative count for the first and for later tasks.", "HLOP momentum 1: must be in [0, 1)."],
            errors);
    }
}
