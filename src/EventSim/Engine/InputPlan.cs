using System.Runtime.InteropServices;
using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Engine;

/// <summary>
/// A run's host input, resolved before the tick loop into per-core event lists sorted by tick, so the
/// Deliver phase only advances a cursor. One plan belongs to one simulator and is refilled by every run;
/// its lists keep their capacity, so a host that runs sample after sample allocates nothing here.
/// </summary>
internal sealed class InputPlan
{
    private readonly InputPorts ports;
    private readonly List<Event>[] spikes;
    private readonly int[] spikeCursor;
    private readonly List<Event>[] currents;
    private readonly int[] currentCursor;

    public InputPlan(InputPorts ports)
    {
        this.ports = ports;
        int k = ports.CoreCount;
        spikes = new List<Event>[k];
        currents = new List<Event>[k];
        for (int c = 0; c < k; c++)
        {
            spikes[c] = [];
            currents[c] = [];
        }

        spikeCursor = new int[k];
        currentCursor = new int[k];
    }

    /// <summary>Replaces the plan's events with <paramref name="schedule"/>'s first <paramref name="ticks"/> ticks.</summary>
    public void Load(InputSchedule schedule, int ticks)
    {
        for (int c = 0; c < spikes.Length; c++)
        {
            spikes[c].Clear();
            currents[c].Clear();
            spikeCursor[c] = 0;
            currentCursor[c] = 0;
        }

        IReadOnlyList<InputSpike> all = schedule.Spikes;
        for (int i = 0; i < all.Count; i++)
        {
            InputSpike s = all[i];
            if (s.Tick >= ticks)
            {
                continue;
            }

            if (!ports.Spikes.TryGetValue(s.Port, out InputPorts.SpikeFanOut? port))
            {
                throw new UserInputException($"Input spike at tick {s.Tick}: the image has no spike input port '{s.Port}'. Ports: {Names(ports.Spikes.Keys)}.");
            }

            RouteTable channels = port.Port.Channels;
            if (s.Channel < 0 || s.Channel >= channels.SourceCount)
            {
                throw new UserInputException($"Input spike at tick {s.Tick}: port '{s.Port}' has channels 0..{channels.SourceCount - 1}, not {s.Channel}.");
            }

            for (int e = channels.Offsets[s.Channel]; e < channels.Offsets[s.Channel + 1]; e++)
            {
                spikes[port.CoreIndex[e]].Add(new Event(s.Tick, channels.DestinationAxons[e], s.Payload));
            }
        }

        foreach (InputCurrent c in schedule.Currents)
        {
            if (c.Tick >= ticks)
            {
                continue;
            }

            if (!ports.Currents.TryGetValue(c.Port, out InputPorts.CurrentTargets? port))
            {
                throw new UserInputException($"Input current at tick {c.Tick}: the image has no current input port '{c.Port}'. Ports: {Names(ports.Currents.Keys)}.");
            }

            if (c.Channel < 0 || c.Channel >= port.Port.Neurons.Length)
            {
                throw new UserInputException($"Input current at tick {c.Tick}: port '{c.Port}' has channels 0..{port.Port.Neurons.Length - 1}, not {c.Channel}.");
            }

            currents[port.CoreIndex[c.Channel]].Add(new Event(c.Tick, port.Port.Neurons[c.Channel], c.Value));
        }

        for (int c = 0; c < spikes.Length; c++)
        {
            SortByTick(spikes[c]);
            SortByTick(currents[c]);
        }
    }

    /// <summary>Sets the held currents that change at run tick <paramref name="r"/>.</summary>
    public void ApplyCurrents(CoreRuntime core, int r)
    {
        ReadOnlySpan<Event> list = CollectionsMarshal.AsSpan(currents[core.Index]);
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
        ReadOnlySpan<Event> list = CollectionsMarshal.AsSpan(spikes[core.Index]);
        ref int cursor = ref spikeCursor[core.Index];
        while (cursor < list.Length && list[cursor].Tick == r)
        {
            Delivery.Deliver(core, list[cursor].Target, list[cursor].Value, now);
            cursor++;
        }
    }

    /// <summary>
    /// Puts the events in tick order, keeping the host's order within a tick. Hosts usually add events tick by
    /// tick, so an ordered list is left as it is; otherwise it is sorted stably (OrderBy is stable).
    /// </summary>
    private static void SortByTick(List<Event> events)
    {
        ReadOnlySpan<Event> span = CollectionsMarshal.AsSpan(events);
        for (int i = 1; i < span.Length; i++)
        {
            if (span[i].Tick < span[i - 1].Tick)
            {
                Event[] sorted = events.OrderBy(e => e.Tick).ToArray();
                events.Clear();
                events.AddRange(sorted);
                return;
            }
        }
    }

    private static string Names(IEnumerable<string> names)
    {
        string joined = string.Join(", ", names);
        return joined.Length == 0 ? "(none)" : joined;
    }

    private readonly record struct Event(int Tick, int Target, int Value);
}

/// <summary>An image's host input ports by name, with their destination cores as engine indices, resolved once per simulator.</summary>
internal sealed class InputPorts
{
    public InputPorts(ChipImage image, IReadOnlyDictionary<int, int> indexById)
    {
        CoreCount = image.Cores.Count;
        Spikes = image.SpikeInputs.ToDictionary(
            p => p.Name,
            p => new SpikeFanOut(p, p.Channels.DestinationCores.Select(id => indexById[id]).ToArray()));
        Currents = image.CurrentInputs.ToDictionary(
            p => p.Name,
            p => new CurrentTargets(p, p.Cores.Select(id => indexById[id]).ToArray()));
    }

    public int CoreCount { get; }

    public Dictionary<string, SpikeFanOut> Spikes { get; }

    public Dictionary<string, CurrentTargets> Currents { get; }

    public sealed record SpikeFanOut(SpikePort Port, int[] CoreIndex);

    public sealed record CurrentTargets(NeuronPort Port, int[] CoreIndex);
}
