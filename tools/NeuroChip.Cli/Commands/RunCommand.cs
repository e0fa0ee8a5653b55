using System.CommandLine;
using NeuroChip.EventSim;
using NeuroChip.Mapping.Conversion;
using NeuroChip.Pipeline.Reports;
using NeuroChip.Pipeline.Run;
using Spectre.Console;

namespace NeuroChip.Cli.Commands;

/// <summary><c>neurochip run</c>: data set → network → SNN → chip → event-engine simulation → report.json and report.html.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "digits (embedded) | fashion-mnist (Debian package dataset-fashion-mnist).", DefaultValueFactory = _ => "digits" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory with the Fashion-MNIST IDX files (default: the Debian package's)." };
        var model = new Option<string?>("--model") { Description = "Your network: an ONNX model (.onnx) or a NetworkGraph JSON (.json). Default: train the reference network (MLP on digits, CNN on Fashion-MNIST)." };
        var chip = new Option<string>("--chip") { Description = "Target chip: a preset (nc-ref, nc-tiny, ...) or a chip spec JSON file.", DefaultValueFactory = _ => "nc-ref" };
        var timesteps = new Option<string>("--timesteps") { Description = "Timesteps T to evaluate, comma separated.", DefaultValueFactory = _ => "8,16,32" };
        var conversion = new Option<string>("--conversion") { Description = "ANN → SNN conversion: none | shift | light | advanced.", DefaultValueFactory = _ => "light" };
        var threads = new Option<int>("--threads") { Description = "Worker threads (results are identical for any count).", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var seed = new Option<int>("--seed") { Description = "Seed of training, data split, calibration and placement.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Directory for report.json, report.html (and model.onnx when trained).", DefaultValueFactory = _ => "neurochip-out" };
        var limit = new Option<int>("--limit") { Description = "Evaluate only the first N test samples (0 = all).", DefaultValueFactory = _ => 0 };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs of the reference trainer (default: the data set's)." };

        var command = new Command("run", "Train or load a network, convert it to a spiking network, map it onto a chip, simulate the test set on the event engine, and write report.json and report.html.")
        {
            dataset, dataDir, model, chip, timesteps, conversion, threads, seed, output, limit, epochs,
        };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var options = new RunOptions
            {
                Dataset = parse.GetValue(dataset)!,
                DataDirectory = parse.GetValue(dataDir),
                ModelPath = parse.GetValue(model),
                Chip = parse.GetValue(chip)!,
                Timesteps = ParseTimesteps(parse.GetValue(timesteps)!),
                Conversion = ParseConversion(parse.GetValue(conversion)!),
                Threads = parse.GetValue(threads),
                Seed = parse.GetValue(seed),
                OutputDirectory = parse.GetValue(output)!,
                Limit = parse.GetValue(limit),
                TrainEpochs = parse.GetValue(epochs),
            };
            RunReport report = AnsiConsole.Profile.Capabilities.Interactive ? RunWithProgressBars(options) : RunWithLines(options);
            Print(report, options.OutputDirectory);
            return 0;
        }));
        return command;
    }

    private static RunReport RunWithLines(RunOptions options)
    {
        var progress = new LineProgress();
        return RunPipeline.Run(options, progress);
    }

    private static RunReport RunWithProgressBars(RunOptions options)
    {
        RunReport? report = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<(string, string), ProgressTask>();
                var gate = new object();
                var progress = new SyncProgress(p =>
                {
                    lock (gate)
                    {
                        if (!tasks.TryGetValue((p.Step, p.Detail), out ProgressTask? task))
                        {
                            task = ctx.AddTask(Markup.Escape($"{p.Step} ({p.Detail})"), maxValue: Math.Max(1, p.Total));
                            tasks[(p.Step, p.Detail)] = task;
                        }

                        task.Value = p.Finished ? task.MaxValue : Math.Min(p.Done, task.MaxValue);
                        if (p.Finished)
                        {
                            task.StopTask();
                        }
                    }
                });
                report = RunPipeline.Run(options, progress);
            });
        return report!;
    }

    private static void Print(RunReport report, string outputDirectory)
    {
        RunSettings s = report.Settings;
        var table = new Table().Title($"[bold]{Markup.Escape(s.ModelSource)}[/] on {Markup.Escape(s.Dataset)} → {Markup.Escape(s.Chip)} ({Markup.Escape(s.Conversion)} conversion, {s.TestSamples:N0} test samples)")
            .AddColumns("T", "ANN", "float SNN", "chip SNN", "spikes", "syn. ops", "energy µJ", "chip µs");
        foreach ((AccuracyRow a, ChipRunSummary w) in report.Accuracy.Zip(report.PerTimestep))
        {
            table.AddRow(a.Timesteps.ToString(), Percent(a.Ann), Percent(a.FloatSnn), Percent(a.ChipSnn), Count(w.SpikesPerInference),
                Count(w.SynapticOpsPerInference), (w.EnergyPerInferencePj / 1e6).ToString("N2"), (w.ChipNsPerInference / 1e3).ToString("N1"));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("Per inference: spikes, synaptic ops, energy (dynamic + static) and modelled chip time.");
        ChipDetail d = report.Detail;
        AnsiConsole.MarkupLine(
            $"{report.Model.ChipNeurons:N0} neurons, {report.Model.ChipSynapses:N0} synapses on {report.Model.CoresUsed} cores; at T = {d.Timesteps}: critical core {d.Timing.CriticalCore} ({Markup.Escape(d.Timing.CriticalCoreLabel)}), busiest link {Markup.Escape(d.Timing.CriticalLinkDescription)}.");
        if (report.Model.AnnMacsPerInference > 0)
        {
            AnsiConsole.MarkupLine(
                $"ANN baseline (Horowitz 45 nm): {d.Baseline.MacsPerInference:N0} MACs × 4.6 pJ = {d.Baseline.AnnEnergyPerInferencePj / 1e3:N1} nJ; SNN {d.Baseline.AcsPerInference:N0} ACs × 0.9 pJ = {d.Baseline.SnnAcEnergyPerInferencePj / 1e3:N1} nJ.");
        }

        string steps = string.Join(", ", report.Steps.GroupBy(x => x.Step).Select(g => $"{g.Key} {g.Sum(x => x.Seconds):F1} s"));
        AnsiConsole.MarkupLine($"Wall time {report.TotalWallSeconds:F1} s: {Markup.Escape(steps)}.");
        AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(outputDirectory, RunReportFiles.JsonName))}[/] and [bold]{Markup.Escape(Path.Combine(outputDirectory, RunReportFiles.HtmlName))}[/].");
    }

    /// <summary>A count short enough for an 80-column table: 47,882 or 2.57 M.</summary>
    private static string Count(double value) => value < 1e6 ? value.ToString("N0") : (value / 1e6).ToString("N2") + " M";

    private static string Percent(double value) => double.IsNaN(value) ? "–" : value.ToString("P2");

    private static IReadOnlyList<int> ParseTimesteps(string text)
    {
        var values = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, out int t) || t < 1)
            {
                throw new UserInputException($"--timesteps '{text}': give positive integers separated by commas, e.g. 8,16,32.");
            }

            values.Add(t);
        }

        return values.Count > 0 ? values : throw new UserInputException($"--timesteps '{text}': give at least one T, e.g. 8,16,32.");
    }

    private static ConversionMethod ParseConversion(string text) =>
        Enum.TryParse(text, ignoreCase: true, out ConversionMethod method) && Enum.IsDefined(method)
            ? method
            : throw new UserInputException($"--conversion '{text}': expected one of {string.Join(", ", Enum.GetNames<ConversionMethod>().Select(n => n.ToLowerInvariant()))}.");

    /// <summary>Redirected output: one plain line per finished step.</summary>
    private sealed class LineProgress : IProgress<RunProgress>
    {
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
        private readonly Dictionary<(string, string), TimeSpan> started = [];
        private readonly object gate = new();

        public void Report(RunProgress value)
        {
            lock (gate)
            {
                TimeSpan now = clock.Elapsed;
                if (!started.TryGetValue((value.Step, value.Detail), out TimeSpan start))
                {
                    started[(value.Step, value.Detail)] = start = now;
                }

                if (value.Finished)
                {
                    Console.WriteLine($"[{now.TotalSeconds,6:F1} s] {value.Step} ({value.Detail}): {(now - start).TotalSeconds:F2} s");
                }
            }
        }
    }

    private sealed class SyncProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
