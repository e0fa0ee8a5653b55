namespace NeuroChip.EventSim.Tests;

/// <summary>Random but valid chip images on nc-tiny: recurrent, mixed sparse and dense rows, delays, all reset modes.</summary>
internal static class RandomImages
{
    public static ChipImage Create(int seed, int cores = 4, int neuronsPerCore = 40, int inputs = 8)
    {
        var rng = new Random(seed);
        ChipSpec chip = TestImages.Tiny;
        int[] ids = Enumerable.Range(0, chip.CoreCount).OrderBy(_ => rng.Next()).Take(cores).ToArray();
        int[] neurons = ids.Select(_ => rng.Next(neuronsPerCore / 2, neuronsPerCore + 1)).ToArray();

        // Fan-in: every neuron of the chip gets one axon on a random subset of cores.
        var axons = ids.Select(_ => new List<SynapseRow>()).ToArray();
        var routes = ids.Select((_, c) => Enumerable.Range(0, neurons[c]).Select(_ => new List<(int, int)>()).ToArray()).ToArray();
        for (int c = 0; c < cores; c++)
        {
            for (int i = 0; i < neurons[c]; i++)
            {
                for (int d = 0; d < cores; d++)
                {
                    if (rng.NextDouble() < 0.5)
                    {
                        routes[c][i].Add((ids[d], axons[d].Count));
                        axons[d].Add(RandomRow(rng, neurons[d]));
                    }
                }
            }
        }

        var inputRoutes = new List<IReadOnlyList<(int, int)>>();
        for (int ch = 0; ch < inputs; ch++)
        {
            int d = rng.Next(cores);
            inputRoutes.Add([(ids[d], axons[d].Count)]);
            axons[d].Add(RandomRow(rng, neurons[d]));
        }

        var configs = new List<CoreConfig>();
        for (int c = 0; c < cores; c++)
        {
            NeuronProfile[] profiles = Enumerable.Range(0, 3).Select(_ => new NeuronProfile
            {
                DecayU = rng.Next(0, 4096),
                DecayV = rng.Next(0, 600),
                ThresholdMantissa = rng.Next(50, 400),
                Reset = (ResetMode)rng.Next(3),
                ResetValue = rng.Next(-2000, 2000),
                RefractoryTicks = rng.Next(0, 4),
                SpikePayload = rng.Next(2) == 0 ? 1 : rng.Next(2, 1025),
            }).ToArray();
            int n = neurons[c];
            configs.Add(new CoreConfig
            {
                CoreId = ids[c],
                Profiles = profiles,
                Neurons = new NeuronTable
                {
                    Profile = Enumerable.Range(0, n).Select(_ => rng.Next(profiles.Length)).ToArray(),
                    BiasMantissa = Enumerable.Range(0, n).Select(_ => rng.Next(-200, 800)).ToArray(),
                    BiasExponent = Enumerable.Range(0, n).Select(_ => rng.Next(0, 3)).ToArray(),
                    InitialV = Enumerable.Range(0, n).Select(_ => rng.Next(-5000, 5000)).ToArray(),
                    InitialU = Enumerable.Range(0, n).Select(_ => rng.Next(-5000, 5000)).ToArray(),
                },
                Axons = axons[c],
                Routes = RouteTable.FromLists(routes[c].Select(l => (IReadOnlyList<(int, int)>)l).ToList()),
            });
        }

        return new ChipImage
        {
            Chip = chip,
            Cores = configs,
            SpikeInputs = [new SpikePort { Name = "in", Channels = RouteTable.FromLists(inputRoutes) }],
            Readouts = [new NeuronPort { Name = "out", Cores = [ids[0], ids[^1]], Neurons = [0, 1] }],
        };
    }

    public static InputSchedule Input(int seed, int ticks, int channels = 8)
    {
        var rng = new Random(seed + 1);
        var input = new InputSchedule();
        for (int t = 0; t < ticks; t++)
        {
            for (int ch = 0; ch < channels; ch++)
            {
                if (rng.NextDouble() < 0.2)
                {
                    input.AddSpike(t, "in", ch, rng.Next(1, 3));
                }
            }
        }

        return input;
    }

    private static SynapseRow RandomRow(Random rng, int targets)
    {
        int exponent = rng.Next(-1, 3);
        if (rng.NextDouble() < 0.3)
        {
            int first = rng.Next(targets);
            int count = rng.Next(1, Math.Min(8, targets - first) + 1);
            return new DenseRow
            {
                FirstTarget = first,
                Weights = Enumerable.Range(0, count).Select(_ => (short)rng.Next(-128, 128)).ToArray(),
                Delay = rng.Next(0, 4),
                WeightExponent = exponent,
            };
        }

        int k = rng.Next(1, 5);
        return new SparseRow
        {
            Targets = Enumerable.Range(0, k).Select(_ => rng.Next(targets)).ToArray(),
            Weights = Enumerable.Range(0, k).Select(_ => (short)rng.Next(-128, 128)).ToArray(),
            Delays = rng.NextDouble() < 0.5 ? [] : Enumerable.Range(0, k).Select(_ => rng.Next(0, 10)).ToArray(),
            WeightExponent = exponent,
        };
    }
}
