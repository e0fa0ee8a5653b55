namespace NeuroChip.EventSim.Tests;

/// <summary>Small hand-made chip images for tests.</summary>
internal static class TestImages
{
    public static ChipSpec Tiny => ChipSpecLoader.LoadPreset("nc-tiny");

    /// <summary>One core with the given neurons and profiles, no axons, no routes.</summary>
    public static CoreConfig Core(int coreId, NeuronProfile profile, int neurons, int biasMantissa = 0, int biasExponent = 0) => new()
    {
        CoreId = coreId,
        Profiles = [profile],
        Neurons = NeuronTable.Uniform(neurons, 0, biasMantissa, biasExponent),
        Axons = [],
        Routes = RouteTable.Empty(neurons),
    };

    public static ChipImage Single(CoreConfig core, ChipSpec? chip = null) => new()
    {
        Chip = chip ?? Tiny,
        Cores = [core],
        Readouts = [new NeuronPort { Name = "out", Cores = Enumerable.Repeat(core.CoreId, core.Neurons.Count).ToArray(), Neurons = Enumerable.Range(0, core.Neurons.Count).ToArray() }],
    };

    /// <summary>An input port whose channel c drives axon c of <paramref name="core"/>.</summary>
    public static SpikePort InputTo(int core, int channels, string name = "in") => new()
    {
        Name = name,
        Channels = RouteTable.FromLists(Enumerable.Range(0, channels).Select(c => (IReadOnlyList<(int, int)>)[(core, c)]).ToList()),
    };
}
