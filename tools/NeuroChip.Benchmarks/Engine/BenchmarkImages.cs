using NeuroChip.EventSim.Model;

namespace NeuroChip.Benchmarks.Engine;

/// <summary>Small images the engine benchmarks run on, built directly so each measures one phase.</summary>
internal static class BenchmarkImages
{
    /// <summary>Cubic-LIF neurons with the CUBA decays and a bias that makes them fire every few dozen ticks; no synapses.</summary>
    public static NeuronProfile LeakyProfile { get; } = new()
    {
        DecayU = 80,
        DecayV = 20,
        ThresholdMantissa = 46_028,
        Reset = ResetMode.Zero,
        RefractoryTicks = 49,
    };

    /// <summary>
    /// <paramref name="neurons"/> bias-driven neurons spread over as few cores as the chip allows,
    /// with no synapses and no routes: running it costs only the Update phase and the tick overhead.
    /// Initial voltages are spread over [0, threshold) so spikes are spread over ticks.
    /// </summary>
    public static ChipImage BiasOnly(ChipSpec chip, int neurons, int seed)
    {
        var random = new Random(seed);
        int perCore = chip.Core.MaxNeurons;
        int top = LeakyProfile.ThresholdMantissa << 6;
        var cores = new List<CoreConfig>();
        for (int first = 0; first < neurons; first += perCore)
        {
            int count = Math.Min(perCore, neurons - first);
            NeuronTable table = NeuronTable.Uniform(count, 0, biasMantissa: 4000, biasExponent: 2);
            for (int i = 0; i < count; i++)
            {
                table.InitialV[i] = random.Next(top);
            }

            cores.Add(new CoreConfig
            {
                CoreId = cores.Count,
                Profiles = [LeakyProfile],
                Neurons = table,
                Axons = [],
                Routes = RouteTable.Empty(count),
            });
        }

        return new ChipImage { Chip = chip, Cores = cores };
    }

    /// <summary>
    /// Synaptic delivery as the engine does it for routed spikes: core 0 holds <paramref name="drivers"/>
    /// neurons that spike every tick (bias 1, threshold 0, no refractory period), each routed to its own
    /// axon of core 1, a sparse row of <paramref name="fanOut"/> random targets among
    /// <paramref name="neurons"/> neurons with weights ±1..±100. Core 1's neurons stay silent: u holds
    /// only this tick's input (du = 4095) and v forgets at once (dv = 4095), far below the threshold.
    /// </summary>
    public static ChipImage RoutedDelivery(ChipSpec chip, int drivers, int neurons, int fanOut, int seed)
    {
        var random = new Random(seed);
        var rows = new List<SynapseRow>();
        for (int a = 0; a < drivers; a++)
        {
            int[] targets = [.. Enumerable.Range(0, neurons).OrderBy(_ => random.Next()).Take(fanOut).Order()];
            rows.Add(new SparseRow
            {
                WeightBits = 8,
                Weights = targets.Select(_ => (short)(random.Next(1, 101) * ((random.Next(2) * 2) - 1))).ToArray(),
                Targets = targets,
            });
        }

        var driverCore = new CoreConfig
        {
            CoreId = 0,
            Profiles = [new NeuronProfile { DecayU = 4095, DecayV = 4095, ThresholdMantissa = 0 }],
            Neurons = NeuronTable.Uniform(drivers, 0, biasMantissa: 1, biasExponent: 0),
            Axons = [],
            Routes = RouteTable.FromLists(Enumerable.Range(0, drivers).Select(a => (IReadOnlyList<(int, int)>)[(1, a)]).ToList()),
        };
        var targetCore = new CoreConfig
        {
            CoreId = 1,
            Profiles = [new NeuronProfile { DecayU = 4095, DecayV = 4095, ThresholdMantissa = 131_071 }],
            Neurons = NeuronTable.Uniform(neurons),
            Axons = rows,
            Routes = RouteTable.Empty(neurons),
        };
        return new ChipImage { Chip = chip, Cores = [driverCore, targetCore] };
    }
}
