using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Probes;

/// <summary>
/// Discrete-event replay of a tick. Each core is busy for <c>synaptic ops × t_syn + active updates ×
/// t_active + idle updates × t_idle</c>; when it finishes, its packets for each destination core leave
/// as one batch and cross the links of their dimension-order path. A link carries one batch at a time
/// (first come, first served; ties broken by insertion order), is busy for <c>packets × t_serialise</c>,
/// and the batch reaches the next router one hop latency later (east-west or north-south). At the
/// destination each packet takes <c>t_in_tile</c> to enter the core. The tick lasts until the last
/// core finishes or the last packet arrives, whichever is later, plus the barrier.
/// Reuses its buffers: replaying a tick allocates nothing once warm.
/// </summary>
public sealed class TimingModel
{
    private readonly TimingCosts costs;
    private readonly MeshTopology mesh;
    private readonly int[] coreIds;
    private readonly int[]?[] paths;
    private readonly double[] linkFree;
    private readonly double[] linkBusyTick;
    private readonly PriorityQueue<Batch, (double Time, long Sequence)> queue = new();
    private readonly double[] coreBusyTotal;
    private readonly double[] linkBusyTotal;
    private readonly int[] criticalCounts;
    private readonly List<double> tickNs = [];
    private long sequence;
    private int networkBoundTicks;

    public TimingModel(ChipSpec spec, IReadOnlyList<int> coreIds, int expectedTicks = 0)
    {
        tickNs.Capacity = expectedTicks;
        costs = spec.Timing;
        mesh = new MeshTopology(spec.Mesh);
        this.coreIds = [.. coreIds];
        paths = new int[]?[coreIds.Count * coreIds.Count];
        linkFree = new double[mesh.LinkCount];
        linkBusyTick = new double[mesh.LinkCount];
        linkBusyTotal = new double[mesh.LinkCount];
        coreBusyTotal = new double[coreIds.Count];
        criticalCounts = new int[coreIds.Count];
    }

    /// <summary>Time a core is busy for the given work, ns.</summary>
    public double CoreBusyNs(long synapticOps, long activeUpdates, long idleUpdates, long synapticUpdates = 0) =>
        (synapticOps * costs.SynapticOpNs) + (activeUpdates * costs.NeuronUpdateActiveNs)
        + (idleUpdates * costs.NeuronUpdateIdleNs) + (synapticUpdates * costs.SynapticUpdateNs);

    /// <summary>
    /// Replays one tick. <paramref name="coreBusyNs"/> holds each core's busy time (image order);
    /// <paramref name="packetsFrom"/>(s)[d] the packets core s sent to core d this tick. Returns the tick's duration.
    /// </summary>
    public double ReplayTick(ReadOnlySpan<double> coreBusyNs, Func<int, int[]> packetsFrom)
    {
        int k = coreIds.Length;
        double coresDone = 0;
        int critical = 0;
        for (int s = 0; s < k; s++)
        {
            coreBusyTotal[s] += coreBusyNs[s];
            if (coreBusyNs[s] > coresDone)
            {
                coresDone = coreBusyNs[s];
                critical = s;
            }

            int[] row = packetsFrom(s);
            for (int d = 0; d < k; d++)
            {
                if (row[d] > 0)
                {
                    queue.Enqueue(new Batch(s, d, row[d], 0), (coreBusyNs[s], sequence++));
                }
            }
        }

        criticalCounts[critical]++;
        Array.Clear(linkFree);
        double lastArrival = 0;
        while (queue.TryDequeue(out Batch batch, out (double Time, long Sequence) at))
        {
            int[] path = PathOf(batch.Source, batch.Destination);
            if (batch.Hop == path.Length)
            {
                lastArrival = Math.Max(lastArrival, at.Time + (batch.Packets * costs.SpikeInTileNs));
                continue;
            }

            int link = path[batch.Hop];
            double start = Math.Max(at.Time, linkFree[link]);
            double busy = batch.Packets * costs.LinkSerialisationNs;
            linkFree[link] = start + busy;
            linkBusyTick[link] += busy;
            double hop = link % 4 < 2 ? costs.HopEastWestNs : costs.HopNorthSouthNs;
            queue.Enqueue(batch with { Hop = batch.Hop + 1 }, (start + busy + hop, sequence++));
        }

        for (int l = 0; l < linkBusyTick.Length; l++)
        {
            linkBusyTotal[l] += linkBusyTick[l];
        }

        Array.Clear(linkBusyTick);
        if (lastArrival > coresDone)
        {
            networkBoundTicks++;
        }

        double duration = Math.Max(coresDone, lastArrival) + costs.BarrierNs;
        tickNs.Add(duration);
        return duration;
    }

    /// <summary>Summarises every tick replayed so far.</summary>
    public TimingReport Report()
    {
        double[] ticks = [.. tickNs];
        double[] sorted = (double[])ticks.Clone();
        Array.Sort(sorted);
        int criticalCore = 0;
        for (int c = 1; c < criticalCounts.Length; c++)
        {
            if (criticalCounts[c] > criticalCounts[criticalCore])
            {
                criticalCore = c;
            }
        }

        int criticalLink = -1;
        for (int l = 0; l < linkBusyTotal.Length; l++)
        {
            if (linkBusyTotal[l] > 0 && (criticalLink < 0 || linkBusyTotal[l] > linkBusyTotal[criticalLink]))
            {
                criticalLink = l;
            }
        }

        int slowest = 0;
        for (int t = 1; t < ticks.Length; t++)
        {
            if (ticks[t] > ticks[slowest])
            {
                slowest = t;
            }
        }

        return new TimingReport
        {
            Ticks = ticks.Length,
            TotalNs = ticks.Sum(),
            MeanTickNs = ticks.Length == 0 ? 0 : ticks.Average(),
            MedianTickNs = sorted.Length == 0 ? 0 : sorted[sorted.Length / 2],
            MaxTickNs = sorted.Length == 0 ? 0 : sorted[^1],
            SlowestTick = slowest,
            CriticalCore = coreIds.Length == 0 ? -1 : coreIds[criticalCore],
            CriticalCoreTicks = coreIds.Length == 0 ? 0 : criticalCounts[criticalCore],
            CriticalLink = criticalLink,
            CriticalLinkDescription = DescribeLink(criticalLink),
            NetworkBoundTicks = networkBoundTicks,
            CoreBusyNs = [.. coreBusyTotal],
            LinkBusyNs = [.. linkBusyTotal],
            TickNs = ticks,
        };
    }

    public string DescribeLink(int link)
    {
        if (link < 0)
        {
            return "none";
        }

        (int tile, LinkDirection direction) = MeshTopology.DescribeLink(link);
        (int x, int y) = mesh.TilePosition(tile);
        return $"tile ({x},{y}) {direction.ToString().ToLowerInvariant()}";
    }

    private int[] PathOf(int source, int destination) =>
        paths[(source * coreIds.Length) + destination] ??= mesh.Path(coreIds[source], coreIds[destination]);

    private readonly record struct Batch(int Source, int Destination, int Packets, int Hop);
}
