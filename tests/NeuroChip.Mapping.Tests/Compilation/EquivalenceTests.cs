using NeuroChip.EventSim.Serialization;
namespace NeuroChip.Mapping.Tests.Compilation;

/// <summary>
/// The emitted image, run on the event engine, spikes exactly as a direct simulation of the quantised
/// network does: same neurons, same ticks.
/// </summary>
public sealed class EquivalenceTests
{
    private const int Ticks = 60;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { "dense", "convPool", "recurrent" })
        {
            foreach (int seed in new[] { 1, 2, 3 })
            {
                data.Add(name, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compile_SmallNetwork_ImageSpikesLikeReferenceSimulation(string name, int seed)
    {
        NetworkGraph graph = name switch
        {
            "dense" => Graphs.Dense(seed),
            "convPool" => Graphs.ConvPool(seed),
            _ => Graphs.Recurrent(seed),
        };
        ChipSpec chip = TestChips.Small(neurons: 16);
        CompilationResult result = Compiler.Compile(graph, chip, new CompilerOptions { Placement = new() { Seed = seed } });
        Assert.True(result.Image.Cores.Count > result.Network.Populations.Count, "the network should be split over more cores than it has populations");

        var random = new Random(100 + seed);
        int channels = result.Network.Inputs[0].Size;
        var input = new List<(int Tick, int Input, int Channel)>();
        var schedule = new InputSchedule();
        for (int t = 0; t < Ticks - 10; t++)
        {
            for (int c = 0; c < channels; c++)
            {
                if (random.NextDouble() < 0.3)
                {
                    input.Add((t, 0, c));
                    schedule.AddSpike(t, "in", c);
                }
            }
        }

        List<(int Tick, int Population, int Neuron)> expected = ReferenceSimulator.Run(result.Network, Ticks, input);
        using var simulator = new Simulator(result.Image, new SimulatorOptions { RecordSpikes = true });
        RunResult run = simulator.Run(Ticks, schedule);
        List<(int Tick, int Population, int Neuron)> actual = ToPopulations(run.Spikes, result);

        int lastPopulation = result.Network.Populations.Count - 1;
        Assert.Contains(expected, s => s.Population == lastPopulation);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Compile_ImageWrittenAndReadBack_SpikesIdentically()
    {
        CompilationResult result = Compiler.Compile(Graphs.Recurrent(4), TestChips.Small());
        string path = Path.Combine(Path.GetTempPath(), $"neurochip-map-{Guid.NewGuid():N}.bin");
        try
        {
            ChipImageFile.Write(path, result.Image);
            ChipImage read = ChipImageFile.Read(path);
            var schedule = new InputSchedule();
            for (int t = 0; t < 30; t += 2)
            {
                schedule.AddSpike(t, "in", t % 6);
            }

            using var a = new Simulator(result.Image, new SimulatorOptions { RecordSpikes = true });
            using var b = new Simulator(read, new SimulatorOptions { RecordSpikes = true });
            IReadOnlyList<SpikeEvent> first = a.Run(40, schedule).Spikes;
            Assert.NotEmpty(first);
            Assert.Equal(first, b.Run(40, schedule).Spikes);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static List<(int Tick, int Population, int Neuron)> ToPopulations(IReadOnlyList<SpikeEvent> spikes, CompilationResult result)
    {
        var sliceOfCore = new Dictionary<int, CoreSlice>();
        foreach (CoreSlice slice in result.Partition.Slices)
        {
            sliceOfCore[result.CoreOfSlice[slice.Index]] = slice;
        }

        return spikes
            .Select(s => (s.Tick, sliceOfCore[s.Core].Population, sliceOfCore[s.Core].FirstNeuron + s.Neuron))
            .Order()
            .ToList();
    }
}
