namespace NeuroChip.OnChipLearning.Tests.Appliers;

/// <summary>Synthetic tasks for HLOP's protection tests (float reference and chip alike).</summary>
internal static class HlopTaskData
{
    /// <summary>Inputs Σ_i c_i·a_i with c_i ∈ [0, 0.3] over three non-negative directions a_i; the class is the largest c_i.</summary>
    public static (float[] X, int Label) Sample(float[][] basis, Random rng)
    {
        int n = basis[0].Length;
        var c = basis.Select(_ => rng.NextDouble() * 0.3).ToArray();
        var x = new float[n];
        for (int i = 0; i < basis.Length; i++)
        {
            for (int d = 0; d < n; d++)
            {
                x[d] += (float)(c[i] * basis[i][d]);
            }
        }

        return (x, Array.IndexOf(c, c.Max()));
    }

    /// <summary>Three directions in [0, 1]^n with uniform entries.</summary>
    public static float[][] Basis(int n, Random rng) =>
        Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();
}
