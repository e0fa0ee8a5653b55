using CsCheck;
using NeuroChip.OnChipLearning.Rounding;

namespace NeuroChip.OnChipLearning.Tests.Rounding;

public sealed class StochasticRounderTests
{
    [Fact]
    public void ShiftRight_ManyDraws_AveragesToTheExactQuotient()
    {
        // E[(x + r) >> s] = x / 2^s for r uniform in [0, 2^s); the result is always floor or ceil of the quotient.
        Gen.Select(Gen.Long[-1_000_000_000, 1_000_000_000], Gen.Int[1, 20], Gen.ULong).Sample((x, s, seed) =>
        {
            var rounder = new StochasticRounder(seed);
            double exact = x / Math.Pow(2, s);
            double sum = 0;
            const int draws = 4000;
            for (int i = 0; i < draws; i++)
            {
                long y = rounder.ShiftRight(x, s);
                Assert.InRange(y, Math.Floor(exact), Math.Ceiling(exact));
                sum += y;
            }

            // Each draw is a Bernoulli on {floor, ceil}: the standard error of the mean is at most 0.5/√4000 ≈ 0.008.
            Assert.InRange(sum / draws, exact - 0.04, exact + 0.04);
        }, iter: 60);
    }

    [Fact]
    public void ShiftRight_NonPositiveShift_IsExact() =>
        Assert.Equal((12L << 3, 12L), (new StochasticRounder(5).ShiftRight(12, -3), new StochasticRounder(5).ShiftRight(12, 0)));

    [Fact]
    public void NextSign_IsBalanced()
    {
        var rounder = new StochasticRounder(77);
        int sum = Enumerable.Range(0, 100_000).Sum(_ => rounder.NextSign());
        Assert.InRange(sum, -1500, 1500); // 4.7 standard deviations of a ±1 walk of 100,000 steps (σ ≈ 316)
    }
}
