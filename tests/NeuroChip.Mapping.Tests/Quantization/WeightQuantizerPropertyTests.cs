namespace NeuroChip.Mapping.Tests.Quantization;

/// <summary><see cref="WeightQuantizer.ChooseExponent"/> against a brute-force search over every exponent the rows can hold.</summary>
public sealed class WeightQuantizerPropertyTests
{
    /// <summary>
    /// Weight sets as the compiler sees them: one to three rows of up to 64 weights, uniform in ±magnitude, sometimes with
    /// a few outliers ten to a hundred times larger (the case where clipping the outliers can pay), and a scale from
    /// weight units to a_in units.
    /// </summary>
    private static readonly Gen<(float[][] Rows, double Scale, int Bits)> Cases =
        Gen.Select(
            Gen.Select(Gen.Float[-1f, 1f].Array[1, 64], Gen.Int[0, 3], Gen.Float[10f, 100f]).Select((w, outliers, factor) =>
            {
                float[] copy = (float[])w.Clone();
                for (int i = 0; i < Math.Min(outliers, copy.Length); i++)
                {
                    copy[i] *= factor;
                }

                return copy;
            }).Array[1, 3],
            Gen.Double[0.5, 2000],
            Gen.Int[1, 8]);

    [Fact]
    public void ChooseExponent_RandomWeights_NoExponentHasASmallerSquaredError()
    {
        Cases.Sample((rows, scale, bits) =>
        {
            var segments = rows.Select(r => new ArraySegment<float>(r)).ToList();
            int chosen = WeightQuantizer.ChooseExponent(segments, scale, bits);
            Assert.InRange(chosen, 0, BitWidths.WeightExponentMax);
            double chosenError = BruteError(rows, scale, bits, chosen);
            for (int e = 0; e <= BitWidths.WeightExponentMax; e++)
            {
                double error = BruteError(rows, scale, bits, e);
                Assert.True(chosenError <= error * (1 + 1e-12) + 1e-12, $"exponent {chosen} has error {chosenError:R}, exponent {e} only {error:R}");
            }
        }, iter: 2_000);
    }

    [Fact]
    public void ChooseExponent_HandPickedRow_ClipsTheOutlierWhenThatPays()
    {
        // 4-bit mantissas (−8..7), weights {40, 3, 3, 3, 3, 3, 3, 3} at scale 1.
        //   e = 3 (step 8) clips nothing (40/8 = 5): 40 exact; each 3 → round(0.375) = 0, error 9 · 7 = 63.
        //   e = 2 (step 4): 40/4 = 10 → clipped to 7 → 28, error 144; each 3 → round(0.75) = 1 → 4, error 1 · 7 = 7: 151.
        //   e = 1 (step 2): 40 → 7·2 = 14, error 676; each 3 → round(1.5) = 2 → 4, error 7: 683.
        //   e = 0: 40 → 7, error 1,089; the 3s exact: 1,089. e ≥ 4 is coarser without clipping less: ≥ 63.
        // So e = 3 (error 63) is best.
        Assert.Equal(3, WeightQuantizer.ChooseExponent([new ArraySegment<float>([40f, 3f, 3f, 3f, 3f, 3f, 3f, 3f])], 1.0, 4));

        // With twenty 3s and one 40 the e = 2 trade wins: e = 3 costs 9 · 20 = 180, e = 2 costs 144 + 20 = 164.
        float[] many = [40f, .. Enumerable.Repeat(3f, 20)];
        Assert.Equal(2, WeightQuantizer.ChooseExponent([new ArraySegment<float>(many)], 1.0, 4));
    }

    /// <summary>Σ (q − x)² with q the mantissa (rounded half away from zero, clipped to the signed range) times 2^e.</summary>
    private static double BruteError(float[][] rows, double scale, int bits, int exponent)
    {
        (long min, long max) = bits == 1 ? (-1L, 1L) : (-(1L << (bits - 1)), (1L << (bits - 1)) - 1);
        double step = Math.Pow(2, exponent);
        double sum = 0;
        foreach (float[] row in rows)
        {
            foreach (float w in row)
            {
                double x = w * scale;
                double q = Math.Clamp(Math.Round(x / step, MidpointRounding.AwayFromZero), min, max) * step;
                sum += (q - x) * (q - x);
            }
        }

        return sum;
    }
}
