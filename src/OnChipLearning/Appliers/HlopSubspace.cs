using System.Numerics.Tensors;
using NeuroChip.OnChipLearning.Hlop;

namespace NeuroChip.OnChipLearning.Appliers;

/// <summary>
/// One weight layer's lateral subspace neurons in float: H (rows × n, row r the synapses of subspace neuron r),
/// its momentum buffer, and how many leading rows are frozen (the merged subspace of earlier tasks).
/// <code>
///   y = H·x    x̂ = Hᵀ·y    ΔH_active = (1/B)·Σ_b y_b,active·(x_b − Hᵀ·y_b)ᵀ    projected x = x − H_oldᵀ·H_old·x
/// </code>
/// The active rows reconstruct through all rows, so they learn the principal subspace of what the frozen rows
/// leave unexplained (Oja's subspace rule, whose stable fixed points are orthonormal bases of the principal subspace).
/// </summary>
public sealed class HlopSubspace : IHlopRows
{
    private readonly double rate;
    private readonly double momentumKeep;
    private readonly float clip;
    private readonly int iterations;
    private readonly int lateralTicks;
    private readonly float lateralRange;
    private float[] h = [];
    private float[] momentum = [];
    private float[] y = [];
    private float[] residual;
    private float[] delta = [];

    public HlopSubspace(int inputs, double hebbianRate, double momentumKeep = 0.9, double clip = 10, int iterations = 5, int lateralTicks = 0, double lateralRange = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        Inputs = inputs;
        rate = hebbianRate;
        this.momentumKeep = momentumKeep;
        this.clip = (float)clip;
        this.iterations = iterations;
        this.lateralTicks = lateralTicks;
        this.lateralRange = (float)lateralRange;
        residual = new float[inputs];
    }

    /// <summary>Fan-in n of the layer (the presynaptic dimension).</summary>
    public int Inputs { get; }

    public int Rows { get; private set; }

    public int FrozenRows { get; private set; }

    /// <summary>H, row-major (row r at <c>r · n</c>), only the first <see cref="Rows"/> rows.</summary>
    public ReadOnlySpan<float> Weights => h.AsSpan(0, Rows * Inputs);

    /// <summary>Adds up to <paramref name="rows"/> rows (capped at n in all), orthonormal to each other and to the existing rows.</summary>
    public int Grow(int rows, Random rng)
    {
        int add = Math.Clamp(rows, 0, Inputs - Rows);
        int n = Inputs;
        int total = Rows + add;
        Array.Resize(ref h, total * n);
        Array.Resize(ref momentum, total * n);
        y = new float[total];
        delta = new float[total * n];
        HlopBasis.Extend(h, n, Rows, add, rng);
        Rows = total;
        return add;
    }

    /// <summary>Merges every row into the frozen subspace (the end of a task): they stop learning and start protecting.</summary>
    public void Freeze()
    {
        FrozenRows = Rows;
        Array.Clear(momentum);
    }

    /// <summary>projected = x − H_oldᵀ·(H_old·x) over the frozen rows.</summary>
    public void ProjectOut(ReadOnlySpan<float> x, Span<float> projected)
    {
        x.CopyTo(projected);
        int n = Inputs;
        for (int r = 0; r < FrozenRows; r++)
        {
            ReadOnlySpan<float> row = h.AsSpan(r * n, n);
            float yr = TensorPrimitives.Dot(row, x);
            if (yr != 0)
            {
                TensorPrimitives.MultiplyAdd(row, -yr, projected, projected);
            }
        }
    }

    /// <summary>
    /// <see cref="NeuroChip.OnChipLearning.Rules.HlopSpec.Iterations"/> subspace updates of the active rows on a batch of <paramref name="count"/>
    /// samples stored row-major in <paramref name="batch"/>.
    /// </summary>
    public void Learn(ReadOnlySpan<float> batch, int count)
    {
        int n = Inputs;
        int active = Rows - FrozenRows;
        if (active <= 0 || count <= 0)
        {
            return;
        }

        Span<float> d = delta.AsSpan(FrozenRows * n, active * n);
        Span<float> m = momentum.AsSpan(FrozenRows * n, active * n);
        Span<float> hActive = h.AsSpan(FrozenRows * n, active * n);
        float inverse = 1f / count;
        for (int it = 0; it < iterations; it++)
        {
            d.Clear();
            for (int b = 0; b < count; b++)
            {
                ReadOnlySpan<float> x = batch.Slice(b * n, n);
                Reconstruct(x);
                TensorPrimitives.Subtract(x, residual, residual);                  // x − Hᵀ·y
                for (int r = 0; r < active; r++)
                {
                    float yr = y[FrozenRows + r];
                    if (yr != 0)
                    {
                        TensorPrimitives.MultiplyAdd(residual, yr * inverse, d.Slice(r * n, n), d.Slice(r * n, n));
                    }
                }
            }

            TensorPrimitives.Clamp(d, -clip, clip, d);
            TensorPrimitives.Multiply(m, (float)momentumKeep, m);
            TensorPrimitives.MultiplyAdd(d, (float)(1 - momentumKeep), m, m);
            TensorPrimitives.MultiplyAdd(m, (float)rate, hActive, hActive);
        }
    }

    /// <summary>y = H·x (spike-count coded when lateral neurons spike), then x̂ = Hᵀ·y into the residual buffer.</summary>
    private void Reconstruct(ReadOnlySpan<float> x)
    {
        int n = Inputs;
        residual.AsSpan().Clear();
        for (int r = 0; r < Rows; r++)
        {
            ReadOnlySpan<float> row = h.AsSpan(r * n, n);
            float yr = TensorPrimitives.Dot(row, x);
            if (lateralTicks > 0)
            {
                float s = lateralRange;
                yr = s / lateralTicks * MathF.Round(lateralTicks * Math.Clamp(yr, -s, s) / s);
            }

            y[r] = yr;
            if (yr != 0)
            {
                TensorPrimitives.MultiplyAdd(row, yr, residual, residual);
            }
        }
    }
}
