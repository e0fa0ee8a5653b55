using NeuroChip.OnChipLearning.Surrogates;

namespace NeuroChip.OnChipLearning.Tests.Surrogates;

public sealed class SurrogateTableTests
{
    [Theory]
    [InlineData(1.0625, 247)]   // x = 0.0625 → bucket 33, centre 0.09375: ψ = 0.9649 → 247/256
    [InlineData(0.875, 247)]    // x = −0.125 → bucket 30, centre −0.09375 (symmetric)
    [InlineData(1.3125, 165)]   // x = 0.3125 → bucket 37, centre 0.34375: ψ = 0.6437 → 165/256
    [InlineData(-1.5, 0)]       // x = −2.5: outside the table
    [InlineData(3.5, 0)]        // x = 2.5: outside the table
    public void Lookup_Voltage_ReadsTheBucketOfItsOffsetFromThreshold(double vInThresholds, int expectedQ8)
    {
        var table = new SurrogateTable(alpha: 4);
        long theta = 1 << 20;
        Assert.Equal(expectedQ8, table.Lookup((long)(vInThresholds * theta), theta));
    }

    [Fact]
    public void Lookup_WholeRange_StaysWithinOneQ8StepOfTheFunction()
    {
        // A bucket is 1/16 wide; ψ' is at most α²/(6√3) ≈ 1.54 for α = 4, so a bucket-centre read is off by at
        // most 1.54/32 ≈ 0.048, plus 1/512 for rounding to Q8: below 13/256.
        var table = new SurrogateTable(alpha: 4);
        long theta = 1 << 16;
        for (long v = -theta; v < 3 * theta; v += 97)
        {
            double x = (v - theta) / (double)theta;
            Assert.InRange(table.Lookup(v, theta) / 256.0 - Surrogate.Psi(x, 4), -13 / 256.0, 13 / 256.0);
        }
    }
}
