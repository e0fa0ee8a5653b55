using PureHDF;

namespace NeuroChip.Cli.Tests.Commands;

/// <summary><c>neurochip simulate</c> on examples/two-layer.json with its input, whose spike counts are counted by hand.</summary>
public sealed class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_TwoLayerExampleSixtyTicks_ReportHasTheHandCountedSpikesAndOps()
    {
        using var dir = new TempDirectory();
        string report = dir.File("sim.json");
        CliResult result = (await CliProcess.RunAsync(
            dir.Path, "simulate", CliProcess.Example("two-layer.json"), "--ticks", "60", "--input", CliProcess.Example("two-layer-input.json"), "--out", report, "--threads", "2")).Succeeded();
        Assert.Contains("Report written to", result.Output, StringComparison.Ordinal);

        // Layer 1 (core 0): four IF neurons, threshold 640, each input spike adds 1,280, subtract reset. Channel 2 spikes
        // every tick: v = 1280, 1920 − 640, ... fires every tick → 60. Channels 0, 1, 3 spike at t ≡ 0 (mod 3): fire at
        // t0 (1280 > 640 → 640), not at t1, t2 (640 is not > 640), at t3 (1920 → 1280) and t4 (1280 → 640), and so on:
        // every t ≡ 0 (20 ticks in 0..59) and every t ≡ 1 from 4 on (4, 7, ..., 58: 19 ticks) → 39 each.
        // Synaptic ops on core 0: one per input spike = 60 + 3 · 20 = 120. Core 5 has a 2-weight dense row per layer-1
        // spike, delivered a tick later, so it walks 2 · (layer-1 spikes at ticks ≤ 58) = 2 · (59 + 3 · 39) = 352.
        using JsonDocument json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        JsonElement counters = json.RootElement.GetProperty("counters");
        Assert.Equal(60, json.RootElement.GetProperty("ticks").GetInt32());
        Assert.Equal([[39, 39, 60, 39]], counters.GetProperty("neuronSpikes").EnumerateArray().Take(1).Select(a => a.EnumerateArray().Select(x => x.GetInt32()).ToArray()));
        JsonElement[] cores = counters.GetProperty("cores").EnumerateArray().ToArray();
        Assert.Equal((0, 177, 120), (cores[0].GetProperty("coreId").GetInt32(), cores[0].GetProperty("spikes").GetInt32(), cores[0].GetProperty("synapticOps").GetInt32()));
        Assert.Equal((5, 352), (cores[1].GetProperty("coreId").GetInt32(), cores[1].GetProperty("synapticOps").GetInt32()));
    }

    [Fact]
    public async Task Simulate_ZeroTicks_ExitCode2AndNoReport()
    {
        using var dir = new TempDirectory();
        CliResult result = await CliProcess.RunAsync(dir.Path, "simulate", CliProcess.Example("two-layer.json"), "--ticks", "0", "--out", dir.File("sim.json"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--ticks 0", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("sim.json")));
    }

    [Fact]
    public async Task Simulate_RecordTraces_WritesTheHandDerivedRegistersAndSpikeTimes()
    {
        // Layer 1 of two-layer.json (core 0): IF neurons, threshold 640, an input spike adds 1,280 to u (u holds only this
        // tick's input), subtract reset. Neuron 2's channel spikes every tick: v = 1280 → fire → 640, then each tick
        // +1280 − 640, so v = 640·(t + 1) after the reset and it fires every tick. Neuron 0's channel spikes at
        // t ≡ 0 (mod 3): u = 1280, 0, 0, 1280, ...; v = 640 (fired), 640, 640 (640 is not > 640), 1280 (1920 fired),
        // 640 (1280 fired), 640, 1280, 640, 640, 1280 → spikes at 0, 3, 4, 6, 7, 9.
        using var dir = new TempDirectory();
        string traces = dir.File("tr");
        CliResult result = (await CliProcess.RunAsync(
            dir.Path, "simulate", CliProcess.Example("two-layer.json"), "--ticks", "10", "--input", CliProcess.Example("two-layer-input.json"),
            "--record", "spikes,u,v", "--neurons", "0:0,0:2", "--traces", traces)).Succeeded();
        Assert.Contains("Traced 2 neuron(s)", result.Output, StringComparison.Ordinal);

        string[] u = File.ReadAllLines(Path.Combine(traces, "u.csv"));
        string[] v = File.ReadAllLines(Path.Combine(traces, "v.csv"));
        Assert.Equal("tick,0:0,0:2", u[0]);
        Assert.Equal(Enumerable.Range(0, 10).Select(t => $"{t},{(t % 3 == 0 ? 1280 : 0)},1280"), u[1..]);
        int[] v0 = [640, 640, 640, 1280, 640, 640, 1280, 640, 640, 1280];
        Assert.Equal(Enumerable.Range(0, 10).Select(t => $"{t},{v0[t]},{640 * (t + 1)}"), v[1..]);

        string[] spikes = File.ReadAllLines(Path.Combine(traces, "spikes.csv"));
        Assert.Equal([0, 3, 4, 6, 7, 9], spikes.Skip(1).Where(l => l.EndsWith(",0,0:0", StringComparison.Ordinal)).Select(l => int.Parse(l.Split(',')[0])));
        Assert.Equal(Enumerable.Range(0, 10), spikes.Skip(1).Where(l => l.EndsWith(",2,0:2", StringComparison.Ordinal)).Select(l => int.Parse(l.Split(',')[0])));
        Assert.Equal(["column,core,neuron,name", "0,0,0,0:0", "1,0,2,0:2"], File.ReadAllLines(Path.Combine(traces, "neurons.csv")));
        string page = await File.ReadAllTextAsync(Path.Combine(traces, "summary.html"));
        Assert.Contains("id=\"plot-raster\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"plot-v\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_RecordTracesAsNir_WritesEventDataAndTimeGriddedDataGroups()
    {
        // The same neurons as above (hand-derived there), written as NIR data groups with 1 ms ticks: neuron 2 fires at
        // every tick, so its spikes are at 0, 1, ..., 9 ms; v of neuron 2 at tick t is 640·(t + 1).
        using var dir = new TempDirectory();
        string traces = dir.File("tr");
        (await CliProcess.RunAsync(
            dir.Path, "simulate", CliProcess.Example("two-layer.json"), "--ticks", "10", "--input", CliProcess.Example("two-layer-input.json"),
            "--record", "spikes,v", "--neurons", "0:0,0:2", "--traces", traces, "--format", "nir", "--dt", "0.001")).Succeeded();

        using var file = H5File.OpenRead(Path.Combine(traces, "traces.nir"));
        IH5Group spikes = file.Group("spikes");
        Assert.Equal("EventData", spikes.Attribute("__type__").Read<string>());
        Assert.Equal(2L, spikes.Attribute("n_neurons").Read<long>());
        long[] idx = spikes.Dataset("idx").Read<long[]>();
        double[] time = spikes.Dataset("time").Read<double[]>();
        Assert.Equal(Enumerable.Range(0, 10).Select(t => t / 1000.0), time.Where((_, i) => idx[i] == 1), new ToleranceComparer(1e-12));
        Assert.Equal([0.0, 0.003, 0.004, 0.006, 0.007, 0.009], time.Where((_, i) => idx[i] == 0), new ToleranceComparer(1e-12));

        IH5Group v = file.Group("v");
        Assert.Equal("TimeGriddedData", v.Attribute("__type__").Read<string>());
        Assert.Equal(0.001, v.Attribute("dt").Read<double>());
        double[,] grid = v.Dataset("data").Read<double[,]>();
        Assert.Equal((10, 2), (grid.GetLength(0), grid.GetLength(1)));
        Assert.Equal(Enumerable.Range(0, 10).Select(t => 640.0 * (t + 1)), Enumerable.Range(0, 10).Select(t => grid[t, 1]));
        Assert.False(file.LinkExists("u"));
        Assert.Equal([0L, 0L], file.Group("neurons").Dataset("core").Read<long[]>());
        Assert.Equal([0L, 2L], file.Group("neurons").Dataset("neuron").Read<long[]>());
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }

    [Theory]
    [InlineData("spikes,v", "0:4", "index 4 is out of range; there are 4 neurons")]
    [InlineData("spikes,v", "9:0", "the image has no core 9")]
    [InlineData("spikes,v", "hidden", "no readout port or core label 'hidden'")]
    [InlineData("spikes,w", "0:0", "--record 'w': unknown quantity")]
    public async Task Simulate_BadTraceRequest_ExitCode2BeforeRunningAndNoFiles(string record, string neurons, string expected)
    {
        using var dir = new TempDirectory();
        string traces = dir.File("tr");
        CliResult result = await CliProcess.RunAsync(
            dir.Path, "simulate", CliProcess.Example("two-layer.json"), "--ticks", "10", "--record", record, "--neurons", neurons, "--traces", traces);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(traces));
    }
}
