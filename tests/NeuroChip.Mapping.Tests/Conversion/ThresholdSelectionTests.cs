using CsCheck;
using NeuroChip.Mapping.Conversion;

namespace NeuroChip.Mapping.Tests.Conversion;

public sealed class ThresholdSelectionTests
{
    [Fact]
    public void Percentile_OneToHundred_NearestRank()
    {
        // Values 1..100 (and zeros from ReLU count as values): the 99th percentile by nearest rank is the 99th value.
        float[] values = [.. Enumerable.Range(1, 100).Select(i => (float)i)];
        Assert.Equal(99.0, ThresholdSelection.Percentile(values, 99), 9);
        Assert.Equal(100.0, ThresholdSelection.Percentile(values, 100), 9);
        Assert.Equal(50.0, ThresholdSelection.Percentile(values, 50), 9);
    }

    [Fact]
    public void Percentile_AllNonPositive_FallsBackToOne()
    {
        Assert.Equal(1.0, ThresholdSelection.Percentile([-1f, 0f, -3f], 99.9), 9);
    }

    [Fact]
    public void MinimumSquaredError_EqualValues_PicksTheValue()
    {
        // Every value equals 0.8: θ = 0.8 (candidate i = 0) fires T/T exactly and has zero error.
        Assert.Equal(0.8, ThresholdSelection.MinimumSquaredError([0.8f, 0.8f, 0.8f], 4, shifted: false), 6);
    }

    [Fact]
    public void MinimumSquaredError_RandomActivations_NoCandidateIsBetterAndMaxIsNotBetter()
    {
        Gen.Select(Gen.Float[0f, 5f].Array[20, 200], Gen.Int[1, 32], Gen.Bool).Sample((values, t, shifted) =>
        {
            double chosen = ThresholdSelection.MinimumSquaredError(values, t, shifted);
            double best = IfRate.SquaredError(values, chosen, t, shifted);
            double max = values.Max();
            for (int i = 0; i <= 94; i++)
            {
                Assert.True(best <= IfRate.SquaredError(values, max * (1 - (0.01 * i)), t, shifted) + 1e-9);
            }

            Assert.InRange(chosen, (0.06 * max) - 1e-9, max + 1e-9);
        }, iter: 50);
    }

    [Fact]
    public void Percentile_RandomValues_EqualsNearestRankOfTheClippedSortedValues()
    {
        // Nearest rank by its definition: sort max(z, 0) ascending and take 1-based rank ⌈p/100 · n⌉.
        Gen.Select(Gen.Float[-2f, 5f].Array[1, 300], Gen.Double[0.01, 100]).Sample((values, p) =>
        {
            float[] sorted = [.. values.Select(v => Math.Max(v, 0f)).Order()];
            int rank = Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length), 1, sorted.Length);
            double expected = sorted[rank - 1] > 0 ? sorted[rank - 1] : sorted[^1] > 0 ? sorted[^1] : 1.0;
            Assert.Equal(expected, ThresholdSelection.Percentile(values, p));
        });
    }
}
