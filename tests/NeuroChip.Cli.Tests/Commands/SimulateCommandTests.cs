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
}
