namespace NeuroChip.Mapping.Lowering;

/// <summary>
/// Which synapses a projection has: rows by source neuron, each row's targets ascending (ties by
/// delay). Dense layouts hold every target of every row (index <c>s · TargetCount + t</c>, no target
/// array); sparse layouts are compressed rows. Weights live beside the layout in parallel arrays, so a
/// float and a quantised projection share one layout and no synapse is ever an object.
/// </summary>
public sealed class SynapseLayout
{
    private readonly int[]? rowOffsets;
    private readonly int[]? targets;
    private readonly byte[]? delays;

    private SynapseLayout(int sources, int targetCount, int[]? rowOffsets, int[]? targets, byte[]? delays, int uniformDelay)
    {
        SourceCount = sources;
        TargetCount = targetCount;
        this.rowOffsets = rowOffsets;
        this.targets = targets;
        this.delays = delays;
        UniformDelayTicks = uniformDelay;
        SynapseCount = targets is null ? (long)sources * targetCount : targets.Length;
    }

    public int SourceCount { get; }

    public int TargetCount { get; }

    /// <summary>True when every row holds every target in order.</summary>
    public bool IsDense => targets is null;

    /// <summary>True when every synapse has the delay <see cref="UniformDelayTicks"/>.</summary>
    public bool HasUniformDelay => delays is null;

    public int UniformDelayTicks { get; }

    public long SynapseCount { get; }

    /// <summary>A dense layout: every source reaches every target, all with one delay.</summary>
    public static SynapseLayout Dense(int sources, int targetCount, int delayTicks)
    {
        if ((long)sources * targetCount > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(sources), $"A dense projection of {sources} × {targetCount} synapses exceeds the largest array.");
        }

        return new SynapseLayout(sources, targetCount, null, null, null, delayTicks);
    }

    /// <summary>
    /// A sparse layout from compressed rows; <paramref name="delays"/> null means all <paramref name="uniformDelay"/>.
    /// Targets within a row must ascend (equal targets ordered by delay).
    /// </summary>
    public static SynapseLayout Sparse(int targetCount, int[] rowOffsets, int[] targets, byte[]? delays, int uniformDelay = 0)
    {
        if (rowOffsets.Length == 0 || rowOffsets[0] != 0 || rowOffsets[^1] != targets.Length || (delays is not null && delays.Length != targets.Length))
        {
            throw new ArgumentException("Row offsets must start at 0 and end at the synapse count; delays must match the targets.", nameof(rowOffsets));
        }

        for (int s = 0; s + 1 < rowOffsets.Length; s++)
        {
            for (int k = rowOffsets[s]; k < rowOffsets[s + 1]; k++)
            {
                if (targets[k] < 0 || targets[k] >= targetCount || (k > rowOffsets[s] && targets[k] < targets[k - 1]))
                {
                    throw new ArgumentException($"Row {s}: targets must ascend within 0..{targetCount - 1}.", nameof(targets));
                }
            }
        }

        return new SynapseLayout(rowOffsets.Length - 1, targetCount, rowOffsets, targets, delays, uniformDelay);
    }

    public int RowStart(int source) => rowOffsets is null ? source * TargetCount : rowOffsets[source];

    public int RowEnd(int source) => rowOffsets is null ? (source + 1) * TargetCount : rowOffsets[source + 1];

    /// <summary>Target of synapse <paramref name="index"/>, which belongs to row <paramref name="source"/>.</summary>
    public int TargetAt(int source, int index) => targets is null ? index - (source * TargetCount) : targets[index];

    public int DelayAt(int index) => delays is null ? UniformDelayTicks : delays[index];

    /// <summary>The synapse index range of row <paramref name="source"/> whose targets lie in [<paramref name="lo"/>, <paramref name="hi"/>).</summary>
    public (int Start, int End) RowRange(int source, int lo, int hi)
    {
        if (targets is null)
        {
            int start = source * TargetCount;
            return (start + lo, start + hi);
        }

        int from = rowOffsets![source];
        int to = rowOffsets[source + 1];
        return (LowerBound(from, to, lo), LowerBound(from, to, hi));
    }

    /// <summary>Largest delay of any synapse.</summary>
    public int MaxDelayTicks()
    {
        if (delays is null)
        {
            return UniformDelayTicks;
        }

        int max = 0;
        foreach (byte d in delays)
        {
            max = Math.Max(max, d);
        }

        return max;
    }

    private int LowerBound(int from, int to, int value)
    {
        int lo = from;
        int hi = to;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (targets![mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
