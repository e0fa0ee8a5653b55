using NeuroChip.EventSim.Probes;

namespace NeuroChip.Mapping.Conversion;

/// <summary>Adds run counters of the same image field by field (ticks too); integer sums, so the order does not matter.</summary>
internal sealed class CounterSum
{
    private RunCounters? total;

    public RunCounters? Total => total;

    public void Add(RunCounters c) => total = total is null ? Copy(c) : Sum(total, c);

    public void Add(CounterSum other)
    {
        if (other.total is not null)
        {
            Add(other.total);
        }
    }

    private static RunCounters Copy(RunCounters c) => c with
    {
        NeuronSpikes = [.. c.NeuronSpikes.Select(a => (int[])a.Clone())],
        LinkPackets = (long[])c.LinkPackets.Clone(),
    };

    private static RunCounters Sum(RunCounters a, RunCounters b)
    {
        var cores = new List<CoreCounters>(a.Cores.Count);
        for (int i = 0; i < a.Cores.Count; i++)
        {
            CoreCounters x = a.Cores[i], y = b.Cores[i];
            cores.Add(x with
            {
                SynapticOps = x.SynapticOps + y.SynapticOps,
                ActiveUpdates = x.ActiveUpdates + y.ActiveUpdates,
                IdleUpdates = x.IdleUpdates + y.IdleUpdates,
                Spikes = x.Spikes + y.Spikes,
                PacketsSent = x.PacketsSent + y.PacketsSent,
                InTilePackets = x.InTilePackets + y.InTilePackets,
                HopsEastWest = x.HopsEastWest + y.HopsEastWest,
                HopsNorthSouth = x.HopsNorthSouth + y.HopsNorthSouth,
                SynapticUpdates = x.SynapticUpdates + y.SynapticUpdates,
                ThirdFactorPackets = x.ThirdFactorPackets + y.ThirdFactorPackets,
            });
        }

        var spikes = new List<int[]>(a.NeuronSpikes.Count);
        for (int i = 0; i < a.NeuronSpikes.Count; i++)
        {
            int[] s = (int[])a.NeuronSpikes[i].Clone();
            for (int j = 0; j < s.Length; j++)
            {
                s[j] += b.NeuronSpikes[i][j];
            }

            spikes.Add(s);
        }

        long[] links = (long[])a.LinkPackets.Clone();
        for (int j = 0; j < links.Length; j++)
        {
            links[j] += b.LinkPackets[j];
        }

        return new RunCounters { Ticks = a.Ticks + b.Ticks, Cores = cores, NeuronSpikes = spikes, LinkPackets = links };
    }
}
