using MathNet.Numerics.LinearAlgebra;
namespace NeuroChip.OnChipLearning.Tests.Appliers;

public sealed class HlopSubspaceTests
{
    private const int N = 20;

    /// <summary>k orthonormal directions in R^n from a seeded Gaussian matrix (MathNet's QR, independent of the code under test).</summary>
    private static Matrix<double> Orthonormal(int n, int k, int seed)
    {
        var rng = new Random(seed);
        var a = Matrix<double>.Build.Dense(n, k, (_, _) => Gaussian(rng));
        return a.QR().Q.SubMatrix(0, n, 0, k);
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Samples x = Σ_i σ_i·g_i·u_i + ε·noise (g, noise standard normal), row-major.</summary>
    private static float[] Samples(Matrix<double> u, double[] sigma, double epsilon, int count, Random rng)
    {
        int n = u.RowCount;
        var x = new float[count * n];
        for (int s = 0; s < count; s++)
        {
            var v = Vector<double>.Build.Dense(n, _ => epsilon * Gaussian(rng));
            for (int i = 0; i < sigma.Length; i++)
            {
                v += u.Column(i) * (sigma[i] * Gaussian(rng));
            }

            for (int d = 0; d < n; d++)
            {
                x[(s * n) + d] = (float)v[d];
            }
        }

        return x;
    }

    private static Matrix<double> Rows(HlopSubspace h, int first, int count) =>
        Matrix<double>.Build.Dense(count, h.Inputs, (r, c) => h.Weights[((first + r) * h.Inputs) + c]);

    /// <summary>Largest principal angle (degrees) between the row space of <paramref name="rows"/> and the column space of <paramref name="u"/>.</summary>
    private static double LargestAngleDegrees(Matrix<double> rows, Matrix<double> u)
    {
        Matrix<double> q = rows.Transpose().QR().Q.SubMatrix(0, rows.ColumnCount, 0, rows.RowCount);
        double smallestCosine = (q.Transpose() * u).Svd().S.Minimum();
        return Math.Acos(Math.Min(1, smallestCosine)) * 180 / Math.PI;
    }

    [Fact]
    public void Learn_SyntheticInputWithKnownComponents_SpansThePrincipalSubspace()
    {
        // Inputs in R^20: three orthonormal components with standard deviations 3, 2, 1.5 plus isotropic noise
        // of 0.1, so the covariance has eigenvalues 9.01, 4.01, 2.26 along U and 0.01 elsewhere (eigengap 2.25).
        // The subspace rule's only stable fixed points are orthonormal bases of that principal subspace (Oja 1989);
        // what remains is the stochastic spread of the steps, which shrinks with √η. With η = 0.01, batches of 64
        // and 200 batches, we require the largest principal angle to the true subspace to be below 5° and the
        // rows to be orthonormal within 0.05 (‖H·Hᵀ − I‖_max).
        Matrix<double> u = Orthonormal(N, 3, seed: 11);
        var rng = new Random(5);
        var h = new HlopSubspace(N, hebbianRate: 0.01);
        h.Grow(3, new Random(1));
        double before = LargestAngleDegrees(Rows(h, 0, 3), u);
        for (int batch = 0; batch < 200; batch++)
        {
            h.Learn(Samples(u, [3, 2, 1.5], 0.1, 64, rng), 64);
        }

        Matrix<double> learned = Rows(h, 0, 3);
        double after = LargestAngleDegrees(learned, u);
        Assert.True(before > 30, $"a random start is far from the subspace (was {before:F1}°)");
        Assert.True(after < 5, $"largest principal angle {after:F2}° must be below 5°");
        Matrix<double> gram = learned * learned.Transpose() - Matrix<double>.Build.DenseIdentity(3);
        Assert.True(gram.Enumerate().Max(Math.Abs) < 0.05, $"rows not orthonormal: {gram}");
    }

    [Fact]
    public void Learn_AfterFreezeNewRows_SpanWhatTheOldSubspaceMisses()
    {
        // Task A lives in span(U_A) (3 directions); after freezing, task B lives in span(U_A, V) with 2 new
        // directions V. The 2 new rows reconstruct through all rows, so they must converge to span(V): the residual
        // x − H_oldᵀ·H_old·x of task B's inputs. Same 5° bound as above; the frozen rows must not move at all.
        Matrix<double> all = Orthonormal(N, 5, seed: 23);
        Matrix<double> ua = all.SubMatrix(0, N, 0, 3);
        Matrix<double> v = all.SubMatrix(0, N, 3, 2);
        var rng = new Random(8);
        var h = new HlopSubspace(N, hebbianRate: 0.01);
        h.Grow(3, new Random(2));
        for (int batch = 0; batch < 200; batch++)
        {
            h.Learn(Samples(ua, [3, 2, 1.5], 0.05, 64, rng), 64);
        }

        h.Freeze();
        Matrix<double> frozen = Rows(h, 0, 3);
        Assert.Equal(2, h.Grow(2, new Random(3)));
        for (int batch = 0; batch < 200; batch++)
        {
            h.Learn(Samples(all, [2, 2, 2, 2.5, 1.8], 0.05, 64, rng), 64);
        }

        Assert.Equal(frozen, Rows(h, 0, 3));
        double angle = LargestAngleDegrees(Rows(h, 3, 2), v);
        Assert.True(angle < 5, $"new rows' largest angle to the new directions {angle:F2}° must be below 5°");
    }

    [Fact]
    public void ProjectOut_UpdatesFromNewInputs_LeaveOutputsOnOldInputsUnchanged()
    {
        // A linear layer W (6 × 20) and old inputs in span(U) (3 directions) that H has learned. 500 SGD steps
        // ΔW = −η·δ·pᵀ on new random inputs with random δ: unprojected (p = x) they move W·x_old by an amount of
        // order 1, projected (p = x − H_oldᵀ·H_old·x) by at most sin(angle)·‖x‖ per step, which for the < 5° subspace
        // of the test above is a small fraction. We require the projected change to stay below 2 % of the
        // unprojected one, and below 0.02 in absolute terms.
        Matrix<double> u = Orthonormal(N, 3, seed: 31);
        var rng = new Random(9);
        var h = new HlopSubspace(N, hebbianRate: 0.01);
        h.Grow(3, new Random(4));
        for (int batch = 0; batch < 200; batch++)
        {
            h.Learn(Samples(u, [3, 2, 1.5], 0.0, 64, rng), 64);
        }

        h.Freeze();
        float[] old = Samples(u, [1, 1, 1], 0, 20, rng);
        var w = Matrix<double>.Build.Dense(6, N, (_, _) => Gaussian(rng) * 0.2);
        Matrix<double> plain = w.Clone();
        Matrix<double> projectedW = w.Clone();
        var p = new float[N];
        for (int step = 0; step < 500; step++)
        {
            float[] x = Enumerable.Range(0, N).Select(_ => (float)Gaussian(rng)).ToArray();
            var delta = Vector<double>.Build.Dense(6, _ => Gaussian(rng));
            h.ProjectOut(x, p);
            plain -= 0.01 * delta.OuterProduct(Vector<double>.Build.Dense(N, i => x[i]));
            projectedW -= 0.01 * delta.OuterProduct(Vector<double>.Build.Dense(N, i => p[i]));
        }

        var xs = Matrix<double>.Build.Dense(N, 20, (d, s) => old[(s * N) + d]);
        double plainChange = ((plain - w) * xs).Enumerate().Max(Math.Abs);
        double projectedChange = ((projectedW - w) * xs).Enumerate().Max(Math.Abs);
        Assert.True(plainChange > 0.5, $"unprotected updates must move the old outputs (moved {plainChange:F3})");
        Assert.True(projectedChange < 0.02 * plainChange && projectedChange < 0.02, $"projected change {projectedChange:E2} vs unprotected {plainChange:F3}");
    }

    [Fact]
    public void Grow_BeyondTheFanIn_CapsAtAFullOrthonormalBasis()
    {
        // At most n independent directions exist: asking for 25 rows in R^20 gives 20, and they form an orthonormal
        // basis, so the projection removes everything (x − HᵀH·x = 0).
        var h = new HlopSubspace(N, hebbianRate: 0.01);
        Assert.Equal(20, h.Grow(25, new Random(6)));
        h.Freeze();
        float[] x = Enumerable.Range(0, N).Select(i => (float)Math.Sin(i)).ToArray();
        var p = new float[N];
        h.ProjectOut(x, p);
        Assert.All(p, value => Assert.True(Math.Abs(value) < 1e-4, $"{value}"));
    }
}
