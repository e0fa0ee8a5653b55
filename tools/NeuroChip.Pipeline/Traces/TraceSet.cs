using NeuroChip.EventSim;
using NeuroChip.EventSim.Engine;

namespace NeuroChip.Pipeline.Traces;

/// <summary>A spike of a traced neuron: the tick and the neuron's position in <see cref="TraceSet.Neurons"/>.</summary>
public readonly record struct TracedSpike(int Tick, int Index);

/// <summary>What a traced run recorded for its selected neurons: spike times and per-tick u and v registers.</summary>
public sealed class TraceSet
{
    /// <summary>Most u/v values (neurons × ticks) one run records: 8 bytes each while the run lasts.</summary>
    public const long MaxValues = 25_000_000;

    private TraceSet(IReadOnlyList<TracedNeuron> neurons, int ticks, TraceQuantities quantities, IReadOnlyList<TracedSpike> spikes, IReadOnlyList<NeuronTrace> registers)
    {
        Neurons = neurons;
        Ticks = ticks;
        Quantities = quantities;
        Spikes = spikes;
        Registers = registers;
    }

    public IReadOnlyList<TracedNeuron> Neurons { get; }

    public int Ticks { get; }

    public TraceQuantities Quantities { get; }

    /// <summary>Spikes of the traced neurons in (tick, index) order; empty unless spikes were recorded.</summary>
    public IReadOnlyList<TracedSpike> Spikes { get; }

    /// <summary>u and v of each traced neuron, in the order of <see cref="Neurons"/>; empty unless u or v were recorded.</summary>
    public IReadOnlyList<NeuronTrace> Registers { get; }

    /// <summary>The simulator options that record <paramref name="quantities"/>, refused before the run when too large.</summary>
    public static SimulatorOptions Options(SimulatorOptions baseline, IReadOnlyList<TracedNeuron> neurons, TraceQuantities quantities, int ticks)
    {
        bool registers = (quantities & (TraceQuantities.U | TraceQuantities.V)) != 0;
        long values = registers ? (long)neurons.Count * ticks : 0;
        if (values > MaxValues)
        {
            throw new UserInputException(
                $"--record u/v of {neurons.Count:N0} neurons for {ticks:N0} ticks is {values:N0} values; a run records at most {MaxValues:N0}. Trace fewer neurons or fewer ticks.");
        }

        return baseline with
        {
            RecordSpikes = baseline.RecordSpikes || (quantities & TraceQuantities.Spikes) != 0,
            TracedNeurons = registers ? neurons.Select(n => n.Neuron).ToArray() : [],
        };
    }

    public static TraceSet From(RunResult run, IReadOnlyList<TracedNeuron> neurons, TraceQuantities quantities)
    {
        var spikes = new List<TracedSpike>();
        if ((quantities & TraceQuantities.Spikes) != 0)
        {
            var index = new Dictionary<NeuronRef, int>(neurons.Count);
            for (int i = 0; i < neurons.Count; i++)
            {
                index[neurons[i].Neuron] = i;
            }

            foreach (SpikeEvent s in run.Spikes)
            {
                if (index.TryGetValue(new NeuronRef(s.Core, s.Neuron), out int i))
                {
                    spikes.Add(new TracedSpike(s.Tick, i));
                }
            }

            spikes.Sort((a, b) => a.Tick != b.Tick ? a.Tick.CompareTo(b.Tick) : a.Index.CompareTo(b.Index));
        }

        return new TraceSet(neurons, run.Ticks, quantities, spikes, run.Traces);
    }
}
