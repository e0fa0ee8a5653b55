using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Serialization;

namespace NeuroChip.Cli.Tests.Commands;

/// <summary><c>neurochip train</c>: one short epoch on the embedded digits, end to end.</summary>
public sealed class TrainCommandTests
{
    [Fact]
    public async Task Train_OneEpochOnDigits_WritesReportsAndATrainedImageThatLearned()
    {
        using var dir = new TempDirectory();
        string output = dir.File("train");
        (await CliProcess.RunAsync(dir.Path, "train", "--epochs", "1", "--hidden", "32", "--lr", "0.05", "--test-limit", "200", "--out", output)).Succeeded();

        Assert.Equal(["learning-report.html", "learning-report.json", "trained.ncimg"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        using JsonDocument json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "learning-report.json")));
        JsonElement report = json.RootElement;

        // The digits set is 1,797 images split 80/20: floor(0.8 · 1,797) = 1,437 training samples; the test set is cut to 200.
        Assert.Equal("64-32-10", report.GetProperty("network").GetString());
        Assert.Equal((1437, 200), (report.GetProperty("trainSamples").GetInt32(), report.GetProperty("testSamples").GetInt32()));
        Assert.Equal(1, report.GetProperty("epochs").GetArrayLength());

        // Measured (seed 1): 92.5 % of the 200 test digits after the one epoch. Bound: 85 %, a margin of 15 samples
        // (about three binomial standard deviations, √(0.925·0.075/200) = 1.9 %); chance is 10 %.
        Assert.InRange(report.GetProperty("finalTestAccuracy").GetDouble(), 0.85, 1.0);

        // The trained image: nc-learn holds the 32 hidden neurons on one core and the 10 readout neurons on another; the
        // hidden core has one fan-in row per input pixel (64) and the readout core one per hidden neuron (32).
        ChipImage image = ChipImageFile.Read(Path.Combine(output, "trained.ncimg"));
        Assert.Empty(ChipImageValidator.Validate(image));
        Assert.Equal("nc-learn", image.Chip.Name);
        Assert.Equal([32, 10], image.Cores.Select(c => c.Neurons.Count));
        Assert.Equal([64, 32], image.Cores.Select(c => c.Axons.Count));
        Assert.StartsWith("<!DOCTYPE html>", (await File.ReadAllTextAsync(Path.Combine(output, "learning-report.html"))).TrimStart(), StringComparison.OrdinalIgnoreCase);
    }
}
