using System.Text.Json.Serialization;

namespace NeuroChip.EventSim.Model;

/// <summary>
/// What the compiler emits and the simulator loads: the chip it targets, every used core's
/// configuration, and the chip's input and readout ports. Written as schema-versioned JSON
/// (<see cref="Serialization.ChipImageJson"/>) and as checksummed binary (<see cref="Serialization.ChipImageBinary"/>).
/// </summary>
public sealed record ChipImage
{
    /// <summary>Version 2 added <see cref="NeuronProfile.SpikePayload"/> (graded spikes).</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>Images of this version up to the current one are read (and upgraded in memory: missing fields take their defaults).</summary>
    public const int OldestReadableSchemaVersion = 1;

    public static bool IsReadable(int version) => version is >= OldestReadableSchemaVersion and <= CurrentSchemaVersion;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required ChipSpec Chip { get; init; }

    public required IReadOnlyList<CoreConfig> Cores { get; init; }

    /// <summary>Spike input ports: each channel fans out to (core, axon) pairs.</summary>
    public IReadOnlyList<SpikePort> SpikeInputs { get; init; } = [];

    /// <summary>Current input ports (direct encoding): each channel adds a held current to one neuron.</summary>
    public IReadOnlyList<NeuronPort> CurrentInputs { get; init; } = [];

    /// <summary>Readout ports: named lists of neurons whose spike counts and voltages the host reads.</summary>
    public IReadOnlyList<NeuronPort> Readouts { get; init; } = [];
}

/// <summary>One core's configuration. Neuron state and parameters are stored as parallel arrays.</summary>
public sealed record CoreConfig
{
    /// <summary>Index of the core on the mesh (tile · coresPerTile + slot).</summary>
    public required int CoreId { get; init; }

    /// <summary>Optional label (e.g. the population slice placed here), carried into reports.</summary>
    public string Label { get; init; } = "";

    public required IReadOnlyList<NeuronProfile> Profiles { get; init; }

    public required NeuronTable Neurons { get; init; }

    /// <summary>One synapse row per fan-in axon; the axon id is the index.</summary>
    public required IReadOnlyList<SynapseRow> Axons { get; init; }

    /// <summary>Fan-out: for each neuron, the (core, axon) pairs its spikes go to.</summary>
    public required RouteTable Routes { get; init; }
}

/// <summary>Per-neuron fields of a core, as parallel arrays of equal length.</summary>
public sealed record NeuronTable
{
    public required int[] Profile { get; init; }

    public required int[] BiasMantissa { get; init; }

    public required int[] BiasExponent { get; init; }

    /// <summary>Initial voltage (v register units).</summary>
    public required int[] InitialV { get; init; }

    /// <summary>Initial current (u register units).</summary>
    public required int[] InitialU { get; init; }

    [JsonIgnore]
    public int Count => Profile.Length;

    public static NeuronTable Uniform(int count, int profile = 0, int biasMantissa = 0, int biasExponent = 0) => new()
    {
        Profile = Enumerable.Repeat(profile, count).ToArray(),
        BiasMantissa = Enumerable.Repeat(biasMantissa, count).ToArray(),
        BiasExponent = Enumerable.Repeat(biasExponent, count).ToArray(),
        InitialV = new int[count],
        InitialU = new int[count],
    };
}

/// <summary>
/// Destinations in compressed-row form: entry <c>i</c> owns <c>[Offsets[i], Offsets[i + 1])</c> of
/// <see cref="DestinationCores"/> and <see cref="DestinationAxons"/>.
/// </summary>
public sealed record RouteTable
{
    public required int[] Offsets { get; init; }

    public required int[] DestinationCores { get; init; }

    public required int[] DestinationAxons { get; init; }

    [JsonIgnore]
    public int SourceCount => Offsets.Length - 1;

    [JsonIgnore]
    public int EntryCount => DestinationCores.Length;

    public static RouteTable Empty(int sources) => new()
    {
        Offsets = new int[sources + 1],
        DestinationCores = [],
        DestinationAxons = [],
    };

    /// <summary>Builds a table from per-source lists of (core, axon).</summary>
    public static RouteTable FromLists(IReadOnlyList<IReadOnlyList<(int Core, int Axon)>> lists)
    {
        var offsets = new int[lists.Count + 1];
        for (int i = 0; i < lists.Count; i++)
        {
            offsets[i + 1] = offsets[i] + lists[i].Count;
        }

        var cores = new int[offsets[^1]];
        var axons = new int[offsets[^1]];
        int k = 0;
        foreach (IReadOnlyList<(int Core, int Axon)> list in lists)
        {
            foreach ((int core, int axon) in list)
            {
                cores[k] = core;
                axons[k++] = axon;
            }
        }

        return new RouteTable { Offsets = offsets, DestinationCores = cores, DestinationAxons = axons };
    }
}

/// <summary>A spike input port: channel <c>c</c> delivers an event to every (core, axon) in its route entry.</summary>
public sealed record SpikePort
{
    public required string Name { get; init; }

    public required RouteTable Channels { get; init; }
}

/// <summary>A named list of neurons: channel <c>c</c> is neuron <c>Neurons[c]</c> of core <c>Cores[c]</c>.</summary>
public sealed record NeuronPort
{
    public required string Name { get; init; }

    public required int[] Cores { get; init; }

    public required int[] Neurons { get; init; }
}
