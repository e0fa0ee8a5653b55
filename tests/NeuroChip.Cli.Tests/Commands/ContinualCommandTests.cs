namespace NeuroChip.Cli.Tests.Commands;

/// <summary><c>neurochip continual</c>: two split-digits tasks (classes 0–4, then 5–9) with HLOP, unprotected and multitask.</summary>
public sealed class ContinualCommandTests
{
    [Fact]
    public async Task Continual_TwoSplitDigitsTasks_MatrixAccAndBwtAgreeAndHlopForgetsLess()
    {
        using var dir = new TempDirectory();
        string output = dir.File("continual");
        (await CliProcess.RunAsync(
            dir.Path, "continual", "--tasks", "2", "--sequence", "split", "--classes-per-task", "5", "--hidden", "32", "--lr", "0.05",
            "--test-limit", "200", "--hlop-first", "20,16", "--methods", "hlop,sequential,multitask", "--out", output)).Succeeded();

        Assert.Equal(["continual-report.html", "continual-report.json"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        using JsonDocument json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "continual-report.json")));
        JsonElement report = json.RootElement;
        Assert.Equal(["classes 0/1/2/3/4", "classes 5/6/7/8/9"], report.GetProperty("taskNames").EnumerateArray().Select(t => t.GetString()));
        Dictionary<string, JsonElement> results = report.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("method").GetString()!);
        Assert.Equal(["hlop", "multitask", "sequential"], results.Keys.Order());

        foreach (string method in new[] { "hlop", "sequential" })
        {
            // R[i][j]: accuracy on task j after training task i. ACC is the mean of the last row; BWT the mean over the
            // earlier tasks of R[last][j] − R[j][j], here the one term R[1][0] − R[0][0].
            double[][] r = Matrix(results[method]);
            Assert.Equal([2, 2], new[] { r.Length, r[1].Length });
            Assert.Equal((r[1][0] + r[1][1]) / 2, results[method].GetProperty("acc").GetDouble(), 9);
            Assert.Equal(r[1][0] - r[0][0], results[method].GetProperty("bwt").GetDouble(), 9);
        }

        // Multitask trains once on both tasks: one row, and no BWT.
        Assert.Single(Matrix(results["multitask"]));
        Assert.Equal(JsonValueKind.Null, results["multitask"].GetProperty("bwt").ValueKind);

        // HLOP's lateral neurons: task 1 adds 20 and 16 rows for the two weight layers, task 2 adds 70 each (the default),
        // capped by the layers' input widths: min(20 + 70, 64) + min(16 + 70, 32) = 64 + 32 = 96. The others have none.
        Assert.Equal(96, results["hlop"].GetProperty("lateralNeurons").GetInt32());
        Assert.Equal(0, results["sequential"].GetProperty("lateralNeurons").GetInt32());

        // Measured (seed 1): BWT −2.9 points with HLOP, −13.7 unprotected. The protection must keep at least 5 points of
        // the first task that sequential training forgets (a margin of 5.8 points on the measured 10.8).
        double hlopBwt = results["hlop"].GetProperty("bwt").GetDouble(), sequentialBwt = results["sequential"].GetProperty("bwt").GetDouble();
        Assert.True(hlopBwt >= sequentialBwt + 0.05, $"HLOP BWT {hlopBwt:F4} vs unprotected {sequentialBwt:F4}");
    }

    private static double[][] Matrix(JsonElement result) =>
        [.. result.GetProperty("matrix").EnumerateArray().Select(row => row.EnumerateArray().Select(x => x.GetDouble()).ToArray())];
}
