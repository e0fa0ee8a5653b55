using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Neurons;

namespace NeuroChip.EventSim.Engine;

/// <summary>
/// One core as the engine runs it: neuron parameters and state as parallel arrays (structure of
/// arrays, ready for SIMD), the compiled synapse memory, the delay ring and the routing table.
/// Only the worker that owns the core writes to it during a tick.
/// </summary>
internal sealed class CoreRuntime
{
    public CoreRuntime(CoreConfig config, int index, IReadOnlyDictionary<int, int> coreIndexById)
    {
        Config = config;
        Index = index;
        CoreId = config.CoreId;
        int n = config.Neurons.Count;
        NeuronCount = n;
        KeepU = new int[n];
        KeepV = new int[n];
        Threshold = new int[n];
        Bias = new int[n];
        ResetMode = new int[n];
        ResetValue = new int[n];
        RefractoryTicks = new int[n];
        SpikePayload = new int[n];
        for (int i = 0; i < n; i++)
        {
            LifFixedParameters p = LifFixedParameters.From(
                config.Profiles[config.Neurons.Profile[i]], config.Neurons.BiasMantissa[i], config.Neurons.BiasExponent[i]);
            KeepU[i] = p.KeepU;
            KeepV[i] = p.KeepV;
            Threshold[i] = p.ThresholdScaled;
            Bias[i] = p.Bias;
            ResetMode[i] = (int)p.Reset;
            ResetValue[i] = p.ResetValue;
            RefractoryTicks[i] = p.RefractoryTicks;
            SpikePayload[i] = config.Profiles[config.Neurons.Profile[i]].SpikePayload;
        }

        Graded = SpikePayload.Any(p => p != 1);
        GradedOffset = Graded ? new int[n] : [];
        GradedSpiked = Graded ? new bool[n] : [];

        UniformParameters = n > 0
            && KeepU.All(x => x == KeepU[0]) && KeepV.All(x => x == KeepV[0]) && Threshold.All(x => x == Threshold[0])
            && Bias.All(x => x == Bias[0]) && ResetMode.All(x => x == ResetMode[0]) && ResetValue.All(x => x == ResetValue[0])
            && RefractoryTicks.All(x => x == RefractoryTicks[0]);
        U = new int[n];
        V = new int[n];
        Refractory = new int[n];
        Current = new int[n];
        SpikeCounts = new int[n];
        SpikeBuffer = new int[n];
        Synapses = new SynapseStore(config.Axons);
        int slots = 1;
        while (slots < Synapses.MaxDelay + 1)
        {
            slots <<= 1;
        }

        RingMask = slots - 1;
        Ring = new int[slots * n];
        RouteOffsets = config.Routes.Offsets;
        RouteAxons = config.Routes.DestinationAxons;
        RouteDestinations = config.Routes.DestinationCores.Select(c => coreIndexById[c]).ToArray();
        ResetState();
    }

    public CoreConfig Config { get; }

    public int Index { get; }

    public int CoreId { get; }

    public int NeuronCount { get; }

    /// <summary>Every neuron has the same parameters (one profile, one bias): the update broadcasts them.</summary>
    public bool UniformParameters { get; }

    // Parameters, one entry per neuron.
    public int[] KeepU { get; }

    public int[] KeepV { get; }

    public int[] Threshold { get; }

    public int[] Bias { get; }

    public int[] ResetMode { get; }

    public int[] ResetValue { get; }

    public int[] RefractoryTicks { get; }

    /// <summary>Payload of each neuron's spikes (1 for binary neurons).</summary>
    public int[] SpikePayload { get; }

    /// <summary>Some neuron sends graded spikes: Route scans every neuron's payload instead of the spike list.</summary>
    public bool Graded { get; }

    /// <summary>Graded cores: each neuron's offset added to this tick's payload (set at the barrier; sent even without a spike).</summary>
    public int[] GradedOffset { get; }

    /// <summary>Graded cores: scratch marks of this tick's spikes for Route.</summary>
    public bool[] GradedSpiked { get; }

    // State, one entry per neuron.
    public int[] U { get; }

    public int[] V { get; }

    public int[] Refractory { get; }

    /// <summary>Held input current per neuron (direct encoding), added to the input every tick.</summary>
    public int[] Current { get; }

    /// <summary>Delay ring: slot s holds the accumulators of ticks ≡ s (mod slots), neuron-major within the slot.</summary>
    public int[] Ring { get; }

    public int RingMask { get; }

    public SynapseStore Synapses { get; }

    public int[] RouteOffsets { get; }

    public int[] RouteDestinations { get; }

    public int[] RouteAxons { get; }

    // This tick's spikes.
    public int[] SpikeBuffer { get; }

    public int SpikeCount { get; set; }

    // Counters since the start of the run.
    public int[] SpikeCounts { get; }

    public long SynapticOps { get; set; }

    public long ActiveUpdates { get; set; }

    public long IdleUpdates { get; set; }

    public long Spikes { get; set; }

    public long PacketsSent { get; set; }

    /// <summary>Packets sent to each destination core (by core index), this run.</summary>
    public long[] PacketsTo { get; private set; } = [];

    // This tick's work, for the timing replay.
    public long TickSynapticOps { get; set; }

    public int TickActive { get; set; }

    public int TickIdle { get; set; }

    public int[] TickPacketsTo { get; private set; } = [];

    public void AllocatePairCounters(int coreCount)
    {
        PacketsTo = new long[coreCount];
        TickPacketsTo = new int[coreCount];
    }

    /// <summary>Restores the image's initial state and clears the delay ring and held currents.</summary>
    public void ResetState()
    {
        Array.Copy(Config.Neurons.InitialU, U, NeuronCount);
        Array.Copy(Config.Neurons.InitialV, V, NeuronCount);
        Array.Clear(Refractory);
        Array.Clear(Ring);
        Array.Clear(Current);
        Array.Clear(GradedOffset);
        SpikeCount = 0;
    }

    public void ClearCounters()
    {
        Array.Clear(SpikeCounts);
        SynapticOps = ActiveUpdates = IdleUpdates = Spikes = PacketsSent = 0;
        Array.Clear(PacketsTo);
        Array.Clear(TickPacketsTo);
    }
}
