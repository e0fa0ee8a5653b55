namespace NeuroChip.Cli.Tests.Commands;

/// <summary><c>neurochip convert</c>: train the reference MLP on the digits, convert it with the light preset, run it on nc-ref.</summary>
public sealed class ConvertCommandTests
{
    [Fact]
    public async Task Convert_DigitsMlpLightAtT8_WritesReportAndModelWithTheHandCountedSizes()
    {
        using var dir = new TempDirectory();
        string output = dir.File("convert");
        (await CliProcess.RunAsync(dir.Path, "convert", "--timesteps", "8", "--conversion", "light", "--limit", "40", "--no-float-snn", "--out", output)).Succeeded();

        Assert.Equal(["conversion.json", "model.onnx"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        Assert.True(new FileInfo(Path.Combine(output, "model.onnx")).Length > 0);
        using JsonDocument json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "conversion.json")));
        JsonElement report = json.RootElement;
        Assert.True(report.GetProperty("complete").GetBoolean());
        Assert.Equal(40, report.GetProperty("testSamples").GetInt32());

        // The reference MLP on the digits is 64-128-10: 64 · 128 + 128 · 10 = 8,192 + 1,280 = 9,472 MACs per inference.
        Assert.Equal(9472, report.GetProperty("annMacsPerInference").GetInt64());
        JsonElement row = Assert.Single(report.GetProperty("rows").EnumerateArray());
        Assert.Equal(("light", 8), (row.GetProperty("method").GetString(), row.GetProperty("timesteps").GetInt32()));

        // Spikes of the last of the T = 8 input ticks still cross two layers (input encoder → hidden → readout), one tick
        // each: 8 + 2 = 10 ticks per inference. No float SNN was asked for.
        Assert.Equal(10, row.GetProperty("ticksPerInference").GetInt32());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("floatSnnAccuracy").ValueKind);
        Assert.Equal(["relu2", "logits_if"], row.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("node").GetString()));

        // Measured (seed 1): ANN and chip SNN both 40/40. Bounds: 38/40 for the ANN, 37/40 for the chip (margins of
        // two and three samples); chance is 10 %.
        Assert.InRange(report.GetProperty("annAccuracy").GetDouble(), 38 / 40.0, 1.0);
        Assert.InRange(row.GetProperty("chipAccuracy").GetDouble(), 37 / 40.0, 1.0);
        Assert.True(row.GetProperty("synapticOpsPerInference").GetDouble() > 0);
    }
}
