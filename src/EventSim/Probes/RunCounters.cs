using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Probes;

/// <summary>What one core did during a run.</summary>
public sealed record CoreCounters
{
    public required int CoreId { get; init; }

    public string Label { get; init; } = "";

    public required int Neurons { get; init; }

    public required long SynapticOps { get; init; }

    public required long ActiveUpdates { get; init; }

    public required long IdleUpdates { get; init; }

    public required long Spikes { get; init; }

    /// <summary>Packets this core sent (one per routing-table entry of each spike).</summary>
    public required long PacketsSent { get; init; }

    /// <summary>Packets of this core that stayed within its tile (0 hops).</summary>
    public required long InTilePackets { get; init; }

    public required long HopsEastWest { get; init; }

    public required long HopsNorthSouth { get; init; }

    public long SynapticUpdates { get; init; }

    public long ThirdFactorPackets { get; init; }
}

/// <summary>
/// The counters of a run: per core (image order), per neuron spike counts, and packets per mesh
/// link under dimension-order routing.
/// </summary>
public sealed record RunCounters
{
    public required int Ticks { get; init; }

    public required IReadOnlyList<CoreCounters> Cores { get; init; }

    /// <summary>Spike count of every neuron, per core in image order.</summary>
    public required IReadOnlyList<int[]> NeuronSpikes { get; init; }

    /// <summary>Packets that crossed each directed link (id = tile · 4 + direction, see <see cref="MeshTopology"/>).</summary>
    public required long[] LinkPackets { get; init; }

    public long TotalSpikes => Cores.Sum(c => c.Spikes);

    public long TotalSynapticOps => Cores.Sum(c => c.SynapticOps);

    public long TotalPackets => Cores.Sum(c => c.PacketsSent);

    public long TotalActiveUpdates => Cores.Sum(c => c.ActiveUpdates);

    public long TotalIdleUpdates => Cores.Sum(c => c.IdleUpdates);

    public long TotalHopsEastWest => Cores.Sum(c => c.HopsEastWest);

    public long TotalHopsNorthSouth => Cores.Sum(c => c.HopsNorthSouth);

    public long TotalSynapticUpdates => Cores.Sum(c => c.SynapticUpdates);

    /// <summary>Builds per-core hop and link counts from packets counted per (source, destination) core pair.</summary>
    public static (long[] Links, long[] InTile, long[] EastWest, long[] NorthSouth) FromPairs(
        MeshTopology mesh, IReadOnlyList<int> coreIds, Func<int, long[]> packetsTo)
    {
        var links = new long[mesh.LinkCount];
        int k = coreIds.Count;
        var inTile = new long[k];
        var eastWest = new long[k];
        var northSouth = new long[k];
        for (int s = 0; s < k; s++)
        {
            long[] counts = packetsTo(s);
            for (int d = 0; d < k; d++)
            {
                long packets = counts[d];
                if (packets == 0)
                {
                    continue;
                }

                (int ew, int ns) = mesh.HopsByAxis(coreIds[s], coreIds[d]);
                eastWest[s] += packets * ew;
                northSouth[s] += packets * ns;
                if (ew + ns == 0)
                {
                    inTile[s] += packets;
                }

                foreach (int link in mesh.Path(coreIds[s], coreIds[d]))
                {
                    links[link] += packets;
                }
            }
        }

        return (links, inTile, eastWest, northSouth);
    }
}
