using NeuroChip.EventSim.Fixed;
using NeuroChip.OnChipLearning.Hlop;
using NeuroChip.OnChipLearning.Rules;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>The writable dense synapse row of one core's axon: the engine's synapse memory, or a test's arrays.</summary>
internal delegate Span<short> SynapseRowAccess(int coreIndex, int axon);

/// <summary>
/// One weight layer's HLOP lateral neurons in the chip's fixed point. H[r, j] = M[r, j]·2^−s (s = H's fraction bits)
/// sits in the lateral cores' dense rows; presynaptic samples x are Q8 (X = 256·x). One pass of the lateral loop
/// on a sample, every rounding named:
/// <code>
///   Y_r  = round(Σ_j M_rj·X_j  · 2^−(s + 8 − 12))                  y in Q12 (spike-count coded when lateral neurons spike)
///   R_j  = X_j·2^4 − round(Σ_r M_rj·Y_r · 2^−s)                    x − Hᵀ·y in Q12
///   m_rj ← m_rj + SR(clip(Y_r·R_j)·(1 − μ)/B)                      active rows, register in Q(F_m), clip at ±Clip
/// </code>
/// and per pass over the batch <c>m ← SR(μ·m)</c> before and <c>M ← sat(M + SR(η_H·m))</c> after, SR being the
/// stochastic shift of the slice's core generator. Without momentum and with batches of one sample the register is
/// not needed and each term goes straight into H: <c>M ← sat(M + SR(clip(Y_r·R_j)·η_H))</c>. The clip applies to each
/// sample's term (the float reference clips the batch mean; the two agree whenever the clip does not bind).
/// The projection of a presynaptic factor p (any integer units) off the frozen rows keeps 4 fraction bits:
/// <code>
///   Ŷ_r = round(Σ_j M_rj·p_j · 2^−(s − 12))    P_j = p_j·2^4 − round(Σ_r M_rj·Ŷ_r · 2^−(s + 12 − 4))
/// </code>
/// </summary>
internal sealed partial class LateralSubspace : IHlopRows
{
    /// <summary>Fraction bits of the projected presynaptic factor relative to the factor it replaces.</summary>
    public const int ProjectionFractionBits = 4;

    private const int SampleFraction = 8;
    private const int OutputFraction = 12;
    private const int ResidualFraction = 12;

    private readonly SynapseRowAccess rows;
    private readonly SliceState[] slices;
    private readonly LearningCounters counters;
    private readonly int n;
    private readonly int s;
    private readonly int capacity;
    private readonly int maxWeight;
    private readonly int maxRegister;
    private readonly long clipUnits;
    private readonly bool usesRegister;
    private readonly double momentumKeep;
    private readonly int iterations;
    private readonly int lateralTicks;
    private readonly long lateralRange;
    private readonly FixedScale keep;
    private readonly FixedScale toRegister;
    private readonly FixedScale registerToWeight;
    private readonly FixedScale termToWeight;
    private readonly int[] register;
    private readonly long[] sums;
    private readonly long[] y;
    private readonly long[] residual;

    public LateralSubspace(LateralLayer layer, HlopSpec spec, SynapseRowAccess rows, IReadOnlyList<SliceState> slices, LearningCounters counters)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(spec);
        Layer = layer;
        this.rows = rows;
        this.slices = slices.ToArray();
        this.counters = counters;
        n = layer.Inputs;
        s = layer.FractionBits;
        capacity = layer.Rows;
        maxWeight = (1 << (layer.WeightBits - 1)) - 1;
        usesRegister = layer.RegisterBits > 0;
        int registerFraction = usesRegister ? layer.RegisterBits - 1 - (int)Math.Ceiling(Math.Log2(spec.Clip)) : 0;
        maxRegister = usesRegister ? (1 << (layer.RegisterBits - 1)) - 1 : 0;
        clipUnits = (long)Math.Round(spec.Clip * Math.Pow(2, OutputFraction + ResidualFraction));
        momentumKeep = spec.Momentum;
        iterations = spec.Iterations;
        lateralTicks = spec.LateralTicks;
        lateralRange = (long)Math.Round(spec.LateralRange * (1 << OutputFraction));
        double rate = spec.HebbianRate(layer.Index);
        int termFraction = OutputFraction + ResidualFraction;
        keep = FixedScale.From(spec.Momentum);
        toRegister = FixedScale.From((1 - spec.Momentum) / spec.BatchSize * Math.Pow(2, registerFraction - termFraction));
        registerToWeight = FixedScale.From(rate * Math.Pow(2, s - registerFraction));
        termToWeight = FixedScale.From(rate / spec.BatchSize * Math.Pow(2, s - termFraction));
        register = usesRegister ? new int[n * capacity] : [];
        sums = new long[Math.Max(n, capacity)];
        y = new long[capacity];
        residual = new long[n];
    }

    public LateralLayer Layer { get; }

    /// <summary>Rows grown so far (the lateral neurons in use).</summary>
    public int Rows { get; private set; }

    /// <summary>Leading rows of earlier tasks: frozen, and the subspace the projection removes.</summary>
    public int FrozenRows { get; private set; }

    /// <summary>Adds up to <paramref name="add"/> rows, orthonormal to the existing ones (in float, then rounded to H's format).</summary>
    public int Grow(int add, Random rng)
    {
        add = Math.Clamp(add, 0, capacity - Rows);
        if (add == 0)
        {
            return 0;
        }

        float[] h = new float[(Rows + add) * n];
        Weights().CopyTo(h, 0);
        HlopBasis.Extend(h, n, Rows, add, rng);
        double unit = Math.Pow(2, s);
        ForRows(Rows, Rows + add, (slice, j, row, first) =>
        {
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = (short)Math.Clamp(Math.Round(h[((first + i) * n) + j] * unit), -maxWeight, maxWeight);
            }
        });
        Rows += add;
        return add;
    }

    /// <summary>End of a task: every row joins the frozen subspace and the registers clear.</summary>
    public void Freeze()
    {
        FrozenRows = Rows;
        Array.Clear(register);
    }

    /// <summary>H of the grown rows as floats, row-major (row r at r·n).</summary>
    public float[] Weights()
    {
        var h = new float[Rows * n];
        double lsb = Math.Pow(2, -s);
        ForRows(0, Rows, (slice, j, row, first) =>
        {
            for (int i = 0; i < row.Length; i++)
            {
                h[((first + i) * n) + j] = (float)(row[i] * lsb);
            }
        });
        return h;
    }

    /// <summary>
    /// The presynaptic factor <paramref name="pre"/> projected off the frozen rows into <paramref name="projected"/>,
    /// in units of pre's unit / 2^<see cref="ProjectionFractionBits"/>.
    /// </summary>
    public void Project(ReadOnlySpan<int> pre, Span<int> projected)
    {
        int frozen = FrozenRows;
        long ops = Outputs(pre, frozen);
        for (int r = 0; r < frozen; r++)
        {
            y[r] = RoundShift(sums[r], s - OutputFraction);
        }

        for (int j = 0; j < n; j++)
        {
            projected[j] = (int)(((long)pre[j] << ProjectionFractionBits) - RoundShift(Back(j, frozen), s + OutputFraction - ProjectionFractionBits));
        }

        counters.LateralSynapticOps += ops + ((long)n * frozen);
        counters.LateralPackets += (long)n * (CoresUsed(frozen) - 1);
    }

    private short SaturateWeight(long w)
    {
        long clipped = FixedMath.SaturateSymmetric(w, maxWeight, out bool saturated);
        if (saturated)
        {
            counters.SaturatedUpdates++;
        }

        return (short)clipped;
    }

    private int SaturateRegister(long m) => (int)FixedMath.SaturateSymmetric(m, maxRegister, out _);

    /// <summary>Visits the stored rows [<paramref name="from"/>, <paramref name="to"/>) slice by slice and axon by axon.</summary>
    private void ForRows(int from, int to, Action<SliceState, int, Span<short>, int> visit)
    {
        foreach (SliceState slice in slices)
        {
            (int lo, int count) = Overlap(slice, from, to);
            for (int j = 0; j < n && count > 0; j++)
            {
                visit(slice, j, rows(slice.CoreIndex, j).Slice(lo - slice.Slice.FirstNeuron, count), lo);
            }
        }
    }

    /// <summary>The part of rows [<paramref name="from"/>, <paramref name="to"/>) a slice holds: first row and count (≤ 0 when none).</summary>
    private static (int First, int Count) Overlap(SliceState slice, int from, int to)
    {
        int lo = Math.Max(from, slice.Slice.FirstNeuron);
        int hi = Math.Min(to, slice.Slice.FirstNeuron + slice.Slice.Count);
        return (lo, hi - lo);
    }

    private int CoresUsed(int rowsUsed)
    {
        int used = 0;
        foreach (SliceState slice in slices)
        {
            used += slice.Slice.FirstNeuron < rowsUsed ? 1 : 0;
        }

        return used;
    }

    private static long Dot(ReadOnlySpan<short> w, ReadOnlySpan<long> v)
    {
        long sum = 0;
        for (int i = 0; i < w.Length; i++)
        {
            sum += w[i] * v[i];
        }

        return sum;
    }

    /// <summary>value·2^−shift rounded to nearest (half away from zero); a negative shift multiplies exactly.</summary>
    private static long RoundShift(long value, int shift)
    {
        if (shift <= 0)
        {
            return value << -shift;
        }

        long half = 1L << (shift - 1);
        return value >= 0 ? (value + half) >> shift : -((-value + half) >> shift);
    }

    private static long DivideRounded(long a, long b) => a >= 0 ? (a + (b / 2)) / b : -((-a + (b / 2)) / b);
}
