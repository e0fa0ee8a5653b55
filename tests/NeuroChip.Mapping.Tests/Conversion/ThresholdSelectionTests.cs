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
    public void MinimumSquaredError_ClusterBelowMaxPlain_PicksTheLargestGridPointTheClusterStillFires()
    {
        // Values {1, 0.755, 0.755, 0.755}, T = 1, plain: r(z; θ) = θ·floor(clip(z/θ, 0, 1)) is θ when z ≥ θ, else 0.
        // Candidates θ = 1 − 0.01·i.
        //   θ > 0.755: the cluster is silent, error ≥ 3·0.755² = 1.71.
        //   θ ≤ 0.755: all fire, f(θ) = 3(0.755 − θ)² + (1 − θ)², f'(θ) = 8θ − 6.53 < 0 below 0.816, so f falls up to 0.755
        //   and the largest candidate ≤ 0.755 wins: θ = 0.75, f = 3·0.005² + 0.25² = 0.062575 (0.74 gives 0.068275).
        Assert.Equal(0.75, ThresholdSelection.MinimumSquaredError([1f, 0.755f, 0.755f, 0.755f], 1, shifted: false), 6);
    }

    [Fact]
    public void MinimumSquaredError_ClusterBelowMaxShifted_PicksTheGridPointNearestTheParabolaMinimum()
    {
        // Same values, T = 1, shifted: r(z; θ) = θ·floor(clip(z/θ + 1/2, 0, 1)) is θ when z ≥ θ/2, so for every
        // candidate (θ ≤ 1 < 2·0.755) all four fire: f(θ) = 3(0.755 − θ)² + (1 − θ)², minimum at θ* = 6.53/8 = 0.81625.
        // Nearest candidates: f(0.82) = 3·0.065² + 0.18² = 0.045075 < f(0.81) = 3·0.055² + 0.19² = 0.045175, so θ = 0.82.
        Assert.Equal(0.82, ThresholdSelection.MinimumSquaredError([1f, 0.755f, 0.755f, 0.755f], 1, shifted: true), 6);
    }

    [Fact]
    public void MinimumSquaredError_TwoTicksTwoLevels_KeepsTheMax()
    {
        // Values {1, 0.5}, T = 2, plain: for θ ∈ (0.5, 1], z = 1 gives level 2 (r = θ) and z = 0.5 gives level
        // floor(1/θ) = 1 (r = θ/2), so f(θ) = (1 − θ)² + (0.5 − θ/2)² = 1.25(1 − θ)², zero at θ = 1 (i = 0).
        // For θ ≤ 0.5 both saturate: f = (1 − θ)² + (0.5 − θ)² ≥ 0.25 > 0.
        Assert.Equal(1.0, ThresholdSelection.MinimumSquaredError([1f, 0.5f], 2, shifted: false), 9);
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
