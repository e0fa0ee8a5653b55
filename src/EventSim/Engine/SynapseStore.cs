using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Engine;

/// <summary>Kind of a compiled synapse row.</summary>
internal enum RowKind : byte
{
    /// <summary>Packed 32-bit synapses: weight (8 bits) | delay (6 bits) | target (18 bits).</summary>
    Sparse,

    /// <summary>Packed synapses whose delays are all 0: every target lands in the same ring slot.</summary>
    SparseUndelayed,

    /// <summary>Packed target and delay; weights wider than 8 bits in a side array.</summary>
    SparseWide,

    /// <summary>Contiguous targets, one delay, weights in the dense array.</summary>
    Dense,
}

/// <summary>
/// Header of one compiled row, 8 bytes so that many share a cache line: the start of its synapses, and
/// count (24 bits), exponent + 8 (4 bits) and kind (2 bits) packed in one word. A dense row's first
/// target and delay live in <see cref="SynapseStore.DenseTargets"/>.
/// </summary>
internal readonly struct CompiledRow
{
    private readonly int packed;

    public CompiledRow(RowKind kind, int start, int count, int exponent)
    {
        Start = start;
        packed = count | ((exponent - Fixed.BitWidths.WeightExponentMin) << 24) | ((int)kind << 28);
    }

    public int Start { get; }

    public int Count => packed & 0xFF_FFFF;

    public int Exponent => ((packed >> 24) & 0xF) + Fixed.BitWidths.WeightExponentMin;

    public RowKind Kind => (RowKind)((packed >> 28) & 0x3);
}

/// <summary>
/// A core's synapse memory as the engine reads it: one header per axon and flat arrays of synapses.
/// A sparse synapse takes 4 bytes (<see cref="Pack"/>); a dense one 2 bytes.
/// </summary>
internal sealed class SynapseStore
{
    public const int WeightBitsPacked = 8;
    public const int DelayShift = 8;
    public const int DelayMask = (1 << BitWidths.DelayBits) - 1;
    public const int TargetShift = DelayShift + BitWidths.DelayBits;
    public const int MaxTargets = 1 << (32 - TargetShift);

    public SynapseStore(IReadOnlyList<SynapseRow> rows)
    {
        Rows = new CompiledRow[rows.Count];
        DenseTargets = new (int First, int Delay)[rows.Count];
        long sparse = 0;
        long wide = 0;
        long dense = 0;
        foreach (SynapseRow row in rows)
        {
            if (row is SparseRow)
            {
                sparse += row.Count;
                if (row.WeightBits > WeightBitsPacked)
                {
                    wide += row.Count;
                }
            }
            else
            {
                dense += row.Count;
            }
        }

        Packed = new uint[sparse];
        WideWeights = wide > 0 ? new short[sparse] : [];
        DenseWeights = new short[dense];
        int sparseAt = 0;
        int denseAt = 0;
        for (int a = 0; a < rows.Count; a++)
        {
            SynapseRow row = rows[a];
            switch (row)
            {
                case SparseRow s:
                    bool isWide = s.WeightBits > WeightBitsPacked;
                    for (int k = 0; k < s.Count; k++)
                    {
                        Packed[sparseAt + k] = Pack(s.Targets[k], s.DelayAt(k), isWide ? 0 : s.Weights[k]);
                        if (isWide)
                        {
                            WideWeights[sparseAt + k] = s.Weights[k];
                        }
                    }

                    RowKind kind = isWide ? RowKind.SparseWide : s.Delays.All(d => d == 0) ? RowKind.SparseUndelayed : RowKind.Sparse;
                    Rows[a] = new CompiledRow(kind, sparseAt, s.Count, s.WeightExponent);
                    sparseAt += s.Count;
                    break;
                case DenseRow d:
                    d.Weights.CopyTo(DenseWeights, denseAt);
                    Rows[a] = new CompiledRow(RowKind.Dense, denseAt, d.Count, d.WeightExponent);
                    DenseTargets[a] = (d.FirstTarget, d.Delay);
                    denseAt += d.Count;
                    break;
            }
        }
    }

    public CompiledRow[] Rows { get; }

    /// <summary>First target and delay of each dense row (unused for sparse rows).</summary>
    public (int First, int Delay)[] DenseTargets { get; }

    public uint[] Packed { get; }

    public short[] WideWeights { get; }

    public short[] DenseWeights { get; }

    public int MaxDelay
    {
        get
        {
            int max = 0;
            for (int a = 0; a < Rows.Length; a++)
            {
                if (Rows[a].Kind == RowKind.Dense)
                {
                    max = Math.Max(max, DenseTargets[a].Delay);
                }
            }

            foreach (uint s in Packed)
            {
                max = Math.Max(max, (int)((s >> DelayShift) & DelayMask));
            }

            return max;
        }
    }

    public static uint Pack(int target, int delay, int weight) =>
        ((uint)target << TargetShift) | ((uint)delay << DelayShift) | (byte)(sbyte)weight;

    public static int Target(uint s) => (int)(s >> TargetShift);

    public static int Delay(uint s) => (int)((s >> DelayShift) & DelayMask);

    public static int Weight(uint s) => (sbyte)(byte)s;
}
