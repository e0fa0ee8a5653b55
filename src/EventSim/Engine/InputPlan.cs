using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Engine;

/// <summary>
/// A run's host input, resolved once before the tick loop into per-core event arrays sorted by tick,
/// so the Deliver phase only advances a cursor.
/// </summary>
internal sealed class InputPlan
{
    private readonly Event[][] spikes;
    private readonly int[] spikeCursor;
    private readonly Event[][] currents;
    private readonly int[] currentCursor;

    public InputPlan(ChipImage image, IReadOnlyDictionary<int, int> indexById, InputSchedule schedule, int ticks)
    {
        int k = image.Cores.Count;
        var spikeLists = Enumerable.Range(0, k).Select(_ => new List<Event>()).ToArray();
        var currentLists = Enumerable.Range(0, k).Select(_ => new List<Event>()).ToArray();
        var spikePorts = image.SpikeInputs.ToDictionary(p => p.Name);
        var currentPorts = image.CurrentInputs.ToDictionary(p => p.Name);
        foreach (InputSpike s in schedule.Spikes)
        {
            if (s.Tick >= ticks)
            {
                continue;
            }

            if (!spikePorts.TryGetValue(s.Port, out SpikePort? port))
            {
                throw new UserInputException($"Input spike at tick {s.Tick}: the image has no spike input port '{s.Port}'. Ports: {Names(spikePorts.Keys)}.");
            }

            if (s.Channel < 0 || s.Channel >= port.Channels.SourceCount)
            {
                throw new UserInputException($"Input spike at tick {s.Tick}: port '{s.Port}' has channels 0..{port.Channels.SourceCount - 1}, not {s.Channel}.");
            }

            for (int e = port.Channels.Offsets[s.Channel]; e < port.Channels.Offsets[s.Channel + 1]; e++)
            {
                int core = indexById[port.Channels.DestinationCores[e]];
                spikeLists[core].Add(new Event(s.Tick, port.Channels.DestinationAxons[e], s.Payload));
            }
        }

        foreach (InputCurrent c in schedule.Currents)
        {
            if (c.Tick >= ticks)
            {
                continue;
            }

            if (!currentPorts.TryGetValue(c.Port, out NeuronPort? port))
            {
                throw new UserInputException($"Input current at tick {c.Tick}: the image has no current input port '{c.Port}'. Ports: {Names(currentPorts.Keys)}.");
            }

            if (c.Channel < 0 || c.Channel >= port.Neurons.Length)
            {
                throw new UserInputException($"Input current at tick {c.Tick}: port '{c.Port}' has channels 0..{port.Neurons.Length - 1}, not {c.Channel}.");
            }

            currentLists[indexById[port.Cores[c.Channel]]].Add(new Event(c.Tick, port.Neurons[c.Channel], c.Value));
        }

        // Stable sort by tick keeps the host's order within a tick (OrderBy is stable).
        spikes = spikeLists.Select(l => l.OrderBy(e => e.Tick).ToArray()).ToArray();
        currents = currentLists.Select(l => l.OrderBy(e => e.Tick).ToArray()).ToArray();
        spikeCursor = new int[k];
        currentCursor = new int[k];
    }

    /// <summary>Sets the held currents that change at run tick <paramref name="r"/>.</summary>
    public void ApplyCurrents(CoreRuntime core, int r)
    {
        Event[] list = currents[core.Index];
        ref int cursor = ref currentCursor[core.Index];
        while (cursor < list.Length && list[cursor].Tick == r)
        {
            core.Current[list[cursor].Target] = list[cursor].Value;
            cursor++;
        }
    }

    /// <summary>Delivers the host spikes due at run tick <paramref name="r"/>.</summary>
    public void DeliverSpikes(CoreRuntime core, int r, int now)
    {
        Event[] list = spikes[core.Index];
        ref int cursor = ref spikeCursor[core.Index];
        while (cursor < list.Length && list[cursor].Tick == r)
        {
            Delivery.Deliver(core, list[cursor].Target, list[cursor].Value, now);
            cursor++;
        }
    }

    private static string Names(IEnumerable<string> names)
    {
        string joined = string.Join(", ", names);
        return joined.Length == 0 ? "(none)" : joined;
    }

    private readonly record struct Event(int Tick, int Target, int Value);
}
