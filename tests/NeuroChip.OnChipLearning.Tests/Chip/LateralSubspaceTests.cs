using MathNet.Numerics.LinearAlgebra;
using NeuroChip.OnChipLearning.Rounding;
namespace NeuroChip.OnChipLearning.Tests.Chip;

public sealed class LateralSubspaceTests
{
    /// <summary>
    /// A lateral subspace on <paramref name="rows"/> rows of <paramref name="inputs"/> inputs, split over cores of
    /// <paramref name="perCore"/> rows (so y and x̂ cross cores), 16-bit H, the register when the spec needs one.
    /// </summary>
    private static LateralSubspace Subspace(int inputs, int rows, int perCore, HlopSpec spec, ulong seed, LearningCounters? counters = null)
    {
        var slices = new List<LayerSlice>();
        for (int first = 0; first < rows; first += perCore)
        {
            slices.Add(new LayerSlice(slices.Count, first, Math.Min(perCore, rows - first), slices.Count));
        }

        var layer = new LateralLayer
        {
            Index = 0,
            Inputs = inputs,
            Rows = rows,
            Slices = slices,
            WeightBits = 16,
            RegisterBits = spec.Momentum > 0 || spec.BatchSize > 1 ? 24 : 0,
            BatchSamples = spec.BatchSize,
        };
        short[][][] memory = slices.Select(s => Enumerable.Range(0, inputs).Select(_ => new short[s.Count]).ToArray()).ToArray();
        SliceState[] states = slices.Select((s, k) => new SliceState(s, k, new StochasticRounder(seed * 31 + (ulong)k))).ToArray();
        return new LateralSubspace(layer, spec, (core, axon) => memory[core][axon], states, counters ?? new LearningCounters());
    }

    private static Matrix<double> RowMatrix(float[] h, int rows, int n) => Matrix<double>.Build.Dense(rows, n, (r, c) => h[(r * n) + c]);

    /// <summary>Largest principal angle (degrees) between the row space of <paramref name="rows"/> and the column space of <paramref name="u"/> (MathNet QR and SVD).</summary>
    private static double LargestAngleDegrees(Matrix<double> rows, Matrix<double> u)
    {
        Matrix<double> q = rows.Transpose().QR().Q.SubMatrix(0, rows.ColumnCount, 0, rows.RowCount);
        Matrix<double> basis = u.QR().Q.SubMatrix(0, u.RowCount, 0, u.ColumnCount);
        double smallestCosine = (q.Transpose() * basis).Svd().S.Minimum();
        return Math.Acos(Math.Min(1, smallestCosine)) * 180 / Math.PI;
    }

    [Fact]
    public void Learn_SyntheticInputWithKnownComponents_SpansThePrincipalSubspace()
    {
        // x = Σ_i c_i·a_i in [0, 1]^20 with c_i uniform in [0, 1] and three non-negative components a_i on disjoint
        // pixel ranges (0–6, 7–13, 14–19, entries in [0.5, 1]), stored as Q8 like the chip's samples. The second
        // moment E[x·xᵀ] = A·E[c·cᵀ]·Aᵀ has rank 3 with column space span(A); the Q8 rounding adds at most
        // 1/(12·256²) ≈ 1.3e-6 per pixel, five orders below its smallest non-zero eigenvalue (≈ ‖a‖²/12 ≈ 0.3), so the
        // principal subspace is span(A) to well within 0.1°. The subspace rule's stable fixed points are orthonormal
        // bases of it; η_H = 0.05 gives the weakest direction a rate η·λ ≈ 0.015 per pass, so 200 batches × 5 passes
        // leave e^−15 of the start. What remains is the sampling spread of the steps (the float reference holds it
        // below 5° at η_H = 0.01) and the fixed point: H's LSB is 2^−14, and unbiased rounding of ≤ 1 LSB per pass
        // against that restoring rate keeps H within ≈ 2^−14·√(1/0.03) ≈ 4e-4 of its float path (0.02°). With 5× the
        // float test's rate the sampling spread is larger per step but averages over 64-sample batches with every
        // direction well excited; we require 1°, and rows orthonormal within 0.05.
        const int n = 20;
        var rng = new Random(12);
        var a = Matrix<double>.Build.Dense(n, 3, (d, i) => d / 7 == i ? 0.5 + (0.5 * rng.NextDouble()) : 0);
        var spec = new HlopSpec { HebbianRates = [0.05], FirstTaskRows = [3] };
        LateralSubspace h = Subspace(n, 3, 2, spec, seed: 5);
        Assert.Equal(3, h.Grow(3, new Random(1)));
        double before = LargestAngleDegrees(RowMatrix(h.Weights(), 3, n), a);
        var batch = new int[64 * n];
        for (int b = 0; b < 200; b++)
        {
            for (int s = 0; s < 64; s++)
            {
                double[] c = [rng.NextDouble(), rng.NextDouble(), rng.NextDouble()];
                for (int d = 0; d < n; d++)
                {
                    batch[(s * n) + d] = (int)Math.Round(256 * c[d / 7] * a[d, d / 7]);
                }
            }

            h.Learn(batch, 64);
        }

        Matrix<double> learned = RowMatrix(h.Weights(), 3, n);
        double after = LargestAngleDegrees(learned, a);
        Assert.True(before > 30, $"a random start is far from the subspace (was {before:F1}°)");
        Assert.True(after < 1, $"largest principal angle {after:F3}° must be below 1°");
        Matrix<double> gram = (learned * learned.Transpose()) - Matrix<double>.Build.DenseIdentity(3);
        Assert.True(gram.Enumerate().Max(Math.Abs) < 0.05, $"rows not orthonormal: {gram}");
    }

    [Theory]
    [InlineData(0.9, 4, 1)]
    [InlineData(0.9, 4, 2)]
    [InlineData(0.0, 1, 1)]
    public void Learn_OneBatch_EqualsTheFloatUpdateWithinOneRoundingStep(double momentum, int batchSize, int iterations)
    {
        // The float reference (HlopSubspace) and the chip start from the same seeded rows and learn one batch of
        // Q8-exact samples. Deterministic differences: the chip's H starts rounded to 2^−15 and it rounds y and x̂ to
        // Q12, which changes each term by a relative ≈ 2e-4 — at most 0.06 LSB on the largest update here (≈ 290 LSB,
        // batch of one without momentum). Random ones: the register's stochastic rounding (LSB 2^−19, ≤ 0.003 LSB of H
        // after η_H) and one stochastic rounding step of H per pass (< 1 LSB each, unbiased). So for every seed each
        // entry of ΔH is within (passes + 0.07) LSB of the float one, and over 256 seeds the mean error is within
        // 0.15 LSB (three standard errors of the rounding, 3·0.5/16 ≈ 0.09, plus the deterministic 0.06).
        const int n = 10;
        const int rows = 3;
        const double lsb = 1.0 / 16384;
        var spec = new HlopSpec { HebbianRates = [0.02], Momentum = momentum, BatchSize = batchSize, Iterations = iterations };
        var data = new Random(7);
        int[] batch = Enumerable.Range(0, batchSize * n).Select(_ => data.Next(0, 257)).ToArray();
        float[] x = batch.Select(v => v / 256f).ToArray();
        var reference = new HlopSubspace(n, 0.02, momentum, 10, iterations);
        reference.Grow(rows, new Random(1));
        float[] floatBefore = reference.Weights.ToArray();
        reference.Learn(x, batchSize);
        double[] floatDelta = reference.Weights.ToArray().Zip(floatBefore, (after, before) => (after - before) / lsb).ToArray();
        Assert.True(floatDelta.Max(Math.Abs) > 2, $"the update spans several LSBs (largest {floatDelta.Max(Math.Abs):F2})");

        const int seeds = 256;
        var meanError = new double[rows * n];
        double worst = 0;
        for (int seed = 1; seed <= seeds; seed++)
        {
            LateralSubspace chip = Subspace(n, rows, 2, spec, (ulong)seed);
            chip.Grow(rows, new Random(1));
            float[] before = chip.Weights();
            chip.Learn(batch, batchSize);
            float[] after = chip.Weights();
            for (int k = 0; k < rows * n; k++)
            {
                double error = ((after[k] - before[k]) / lsb) - floatDelta[k];
                meanError[k] += error / seeds;
                worst = Math.Max(worst, Math.Abs(error));
            }
        }

        Assert.True(worst < iterations + 0.07, $"largest single-seed error {worst:F3} LSB");
        Assert.True(meanError.Max(Math.Abs) < 0.15, $"largest mean error {meanError.Max(Math.Abs):F3} LSB");
    }

    [Fact]
    public void Project_FrozenOrthonormalRows_RemovesTheirComponent()
    {
        // Four orthonormal rows of R^12 on two cores (3 + 1 rows), frozen. p = 3·h_0 − 2·h_2 + v with v ⟂ the rows,
        // in Q8 units (×256). Against the exact p − HᵀH·p with the stored (rounded) H, the chip's projection, which has
        // 4 more fraction bits, only rounds y to Q12 of p's unit (≤ 2^−13 · Σ|H| ≈ 4e-4 units after ×16) and x̂ once
        // (≤ 0.5): within 1 unit of the projected scale; we allow 2. Cost, counted by hand: y reads the 4 synapses of
        // each non-zero p_j, x̂ reads all 12 × 4, and the second core sends its 12 partial sums of x̂ to the first.
        const int n = 12;
        var counters = new LearningCounters();
        LateralSubspace h = Subspace(n, 4, 3, new HlopSpec(), seed: 1, counters);
        h.Grow(4, new Random(9));
        h.Freeze();
        Matrix<double> rows = RowMatrix(h.Weights(), 4, n);
        var rng = new Random(3);
        var raw = Vector<double>.Build.Dense(n, _ => rng.NextDouble());
        Vector<double> v = raw - (rows.Transpose() * (rows * raw));
        Vector<double> p = (3 * rows.Row(0)) - (2 * rows.Row(2)) + v;
        int[] pre = p.Select(value => (int)Math.Round(value * 256)).ToArray();
        var projected = new int[n];
        h.Project(pre, projected);
        Vector<double> exact = Vector<double>.Build.Dense(pre.Select(q => (double)q).ToArray());
        exact -= rows.Transpose() * (rows * exact);
        for (int j = 0; j < n; j++)
        {
            Assert.InRange(projected[j], (exact[j] * 16) - 2, (exact[j] * 16) + 2);
        }

        Assert.Equal((pre.Count(q => q != 0) * 4) + (n * 4), counters.LateralSynapticOps);
        Assert.Equal(n, counters.LateralPackets);
    }
}
