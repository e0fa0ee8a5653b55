using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Probes;

namespace NeuroChip.EventSim.Engine;

/// <summary>
/// The Probe phase: spike and u/v recorders for the neurons asked for, and at the end of a run the
/// counters, readouts and reports assembled from the cores.
/// </summary>
internal sealed class ProbeSet
{
    private readonly CoreRuntime[] cores;
    private readonly bool recordSpikes;
    private readonly List<SpikeEvent>[] spikes;
    private readonly (int Neuron, NeuronTrace Trace)[][] traceProbes;
    private readonly List<NeuronTrace> traces = [];

    public ProbeSet(CoreRuntime[] cores, IReadOnlyDictionary<int, int> indexById, SimulatorOptions options, int ticks)
    {
        this.cores = cores;
        recordSpikes = options.RecordSpikes;
        spikes = cores.Select(_ => new List<SpikeEvent>(recordSpikes ? 1024 : 0)).ToArray();
        var perCore = cores.Select(_ => new List<(int, NeuronTrace)>()).ToArray();
        foreach (NeuronRef probe in options.TracedNeurons)
        {
            if (!indexById.TryGetValue(probe.Core, out int index) || probe.Neuron < 0 || probe.Neuron >= cores[index].NeuronCount)
            {
                throw new UserInputException($"Traced neuron {probe.Core}:{probe.Neuron} (core:index): no such neuron in the image.");
            }

            var trace = new NeuronTrace(probe, new int[ticks], new int[ticks]);
            traces.Add(trace);
            perCore[index].Add((probe.Neuron, trace));
        }

        traceProbes = perCore.Select(l => l.ToArray()).ToArray();
    }

    /// <summary>Records this tick's spikes and the traced u/v registers of one core.</summary>
    public void Record(CoreRuntime core, int r, int now)
    {
        if (recordSpikes)
        {
            List<SpikeEvent> list = spikes[core.Index];
            for (int s = 0; s < core.SpikeCount; s++)
            {
                list.Add(new SpikeEvent(now, core.CoreId, core.SpikeBuffer[s]));
            }
        }

        foreach ((int neuron, NeuronTrace trace) in traceProbes[core.Index])
        {
            trace.U[r] = core.U[neuron];
            trace.V[r] = core.V[neuron];
        }
    }

    public RunResult Finish(int ticks, ChipImage image, MeshTopology mesh, TimingReport? timing)
    {
        (long[] links, long[] inTile, long[] eastWest, long[] northSouth) =
            RunCounters.FromPairs(mesh, cores.Select(c => c.CoreId).ToArray(), s => cores[s].PacketsTo);
        var coreCounters = cores.Select(c => new CoreCounters
        {
            CoreId = c.CoreId,
            Label = c.Config.Label,
            Neurons = c.NeuronCount,
            SynapticOps = c.SynapticOps,
            ActiveUpdates = c.ActiveUpdates,
            IdleUpdates = c.IdleUpdates,
            Spikes = c.Spikes,
            PacketsSent = c.PacketsSent,
            InTilePackets = inTile[c.Index],
            HopsEastWest = eastWest[c.Index],
            HopsNorthSouth = northSouth[c.Index],
        }).ToList();
        var counters = new RunCounters
        {
            Ticks = ticks,
            Cores = coreCounters,
            NeuronSpikes = cores.Select(c => (int[])c.SpikeCounts.Clone()).ToList(),
            LinkPackets = links,
        };

        var byId = cores.ToDictionary(c => c.CoreId);
        var counts = new Dictionary<string, int[]>();
        var voltages = new Dictionary<string, int[]>();
        foreach (NeuronPort port in image.Readouts)
        {
            counts[port.Name] = port.Cores.Select((core, c) => byId[core].SpikeCounts[port.Neurons[c]]).ToArray();
            voltages[port.Name] = port.Cores.Select((core, c) => byId[core].V[port.Neurons[c]]).ToArray();
        }

        List<SpikeEvent> all = spikes.SelectMany(l => l).ToList();
        all.Sort((a, b) => a.Tick != b.Tick ? a.Tick.CompareTo(b.Tick) : a.Core != b.Core ? a.Core.CompareTo(b.Core) : a.Neuron.CompareTo(b.Neuron));
        return new RunResult(ticks, counters, all, traces, counts, voltages, timing);
    }
}
