using System.Numerics.Tensors;

namespace NeuroChip.OnChipLearning.Hlop;

/// <summary>New subspace rows as HLOP initialises them: seeded Gaussian directions made orthonormal to every earlier row.</summary>
public static class HlopBasis
{
    /// <summary>
    /// Fills rows <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 of the row-major
    /// <paramref name="h"/> (n = <paramref name="inputs"/> columns) with unit rows orthogonal to all rows before them.
    /// Gram–Schmidt runs twice against every earlier row, which keeps the basis orthonormal in float.
    /// </summary>
    public static void Extend(Span<float> h, int inputs, int first, int count, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        int n = inputs;
        for (int r = first; r < first + count; r++)
        {
            Span<float> row = h.Slice(r * n, n);
            do
            {
                for (int i = 0; i < n; i++)
                {
                    row[i] = (float)Gaussian(rng);
                }

                for (int pass = 0; pass < 2; pass++)
                {
                    for (int q = 0; q < r; q++)
                    {
                        ReadOnlySpan<float> other = h.Slice(q * n, n);
                        float dot = TensorPrimitives.Dot(row, other);
                        TensorPrimitives.MultiplyAdd(other, -dot, row, row);
                    }
                }
            }
            while (TensorPrimitives.Norm(row) < 1e-3f);

            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }
    }

    private static double Gaussian(Random rng)
    {
        double u1 = 1 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
