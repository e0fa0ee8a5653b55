using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Engine;

/// <summary>Kind of a compiled synapse row.</summary>
internal enum RowKind : byte
{
    /// <summary>Packed 32-bit synapses: weight (8 bits) | delay (6 bits) | target (18 bits).</summary>
    Sparse,

    /// <summary>Packed target and delay; weights wider than 8 bits in a side array.</summary>
    SparseWide,

    /// <summary>Contiguous targets, one delay, weights in the dense array.</summary>
    Dense,
}

/// <summary>Header of one compiled row.</summary>
internal readonly record struct CompiledRow(RowKind Kind, int Start, int Count, int Exponent, int FirstTarget, int Delay);

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

                    Rows[a] = new CompiledRow(isWide ? RowKind.SparseWide : RowKind.Sparse, sparseAt, s.Count, s.WeightExponent, 0, 0);
                    sparseAt += s.Count;
                    break;
                case DenseRow d:
                    d.Weights.CopyTo(DenseWeights, denseAt);
                    Rows[a] = new CompiledRow(RowKind.Dense, denseAt, d.Count, d.WeightExponent, d.FirstTarget, d.Delay);
                    denseAt += d.Count;
                    break;
            }
        }
    }

    public CompiledRow[] Rows { get; }

    public uint[] Packed { get; }

    public short[] WideWeights { get; }

    public short[] DenseWeights { get; }

    public int MaxDelay
    {
        get
        {
            int max = 0;
            foreach (CompiledRow row in Rows)
            {
                if (row.Kind == RowKind.Dense)
                {
                    max = Math.Max(max, row.Delay);
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
