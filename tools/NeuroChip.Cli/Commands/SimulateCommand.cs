using System.CommandLine;
using System.Diagnostics;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Probes;
using NeuroChip.EventSim.Serialization;
using NeuroChip.Pipeline.Traces;
using Spectre.Console;

namespace NeuroChip.Cli.Commands;

/// <summary>
/// <c>neurochip simulate IMAGE --ticks N [--input FILE] [--threads K] [--out FILE] [--record spikes,u,v [--neurons LIST] [--traces DIR]]</c>.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "Chip image to run (.json, or the binary form written by 'neurochip map')." };
        var ticks = new Option<int>("--ticks") { Description = "Ticks to run.", DefaultValueFactory = _ => 100 };
        var input = new Option<string?>("--input") { Description = "Input file: JSON with \"spikes\" [{tick, port, channel, payload}] and \"currents\" [{tick, port, channel, value}]." };
        var threads = new Option<int>("--threads") { Description = "Worker threads (results are identical for any count).", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Write the report (counters, readouts, energy, timing) as JSON to this file." };
        var chip = new Option<string?>("--chip") { Description = "Simulate on another chip spec (preset name or JSON file) instead of the one embedded in the image." };
        var record = new Option<string?>("--record") { Description = "Record spikes, u and/or v of the traced neurons (comma-separated, e.g. spikes,u,v) as CSV files and an HTML summary." };
        var neurons = new Option<string?>("--neurons") { Description = "Neurons to trace: core:index, core:first-last, or a readout port / core label, whole or sliced (out[0-9]); comma-separated. Default: every readout neuron." };
        var traces = new Option<string>("--traces") { Description = "Directory the traces are written to.", DefaultValueFactory = _ => "traces" };
        var format = new Option<string>("--format") { Description = "Trace file format: csv (neurons.csv, spikes.csv, u.csv, v.csv) or nir (traces.nir: NIR EventData/TimeGriddedData groups).", DefaultValueFactory = _ => "csv" };
        var dt = new Option<double>("--dt") { Description = "Seconds per tick, for the time axis of NIR traces.", DefaultValueFactory = _ => 1e-4 };

        var command = new Command("simulate", "Run a chip image for N ticks and report spike counts, energy and timing.") { image, ticks, input, threads, output, chip, record, neurons, traces, format, dt };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            int n = parse.GetValue(ticks);
            if (n < 1)
            {
                throw new UserInputException($"--ticks {n}: run at least 1 tick.");
            }

            string? outPath = parse.GetValue(output);
            if (outPath is not null)
            {
                AtomicFile.EnsureDirectoryExists(outPath);
            }

            ChipImage loaded = ChipImageFile.Read(parse.GetValue(image)!);
            string? chipName = parse.GetValue(chip);
            if (chipName is not null)
            {
                loaded = loaded with { Chip = ChipSpecLoader.Load(chipName) };
            }

            string? inputPath = parse.GetValue(input);
            InputSchedule schedule = inputPath is null ? new InputSchedule() : InputSchedule.Load(inputPath);
            int workers = parse.GetValue(threads);
            var options = new SimulatorOptions { Threads = workers, Timing = true };
            string? recordList = parse.GetValue(record);
            TraceQuantities quantities = recordList is null ? TraceQuantities.None : TraceQuantitiesParser.Parse(recordList);
            IReadOnlyList<TracedNeuron> traced = [];
            if (quantities != TraceQuantities.None)
            {
                if (parse.GetValue(format) is not ("csv" or "nir"))
                {
                    throw new UserInputException($"--format '{parse.GetValue(format)}': traces are written as csv or nir.");
                }

                if (!(parse.GetValue(dt) > 0) || !double.IsFinite(parse.GetValue(dt)))
                {
                    throw new UserInputException($"--dt {parse.GetValue(dt)}: the seconds per tick must be a positive number (e.g. 1e-4).");
                }

                traced = NeuronSelection.Parse(parse.GetValue(neurons), loaded);
                if (File.Exists(parse.GetValue(traces)))
                {
                    throw new UserInputException($"--traces '{parse.GetValue(traces)}' is a file; traces go into a directory. Choose a directory path.");
                }

                options = TraceSet.Options(options, traced, quantities, n);
            }
            else if (parse.GetValue(neurons) is not null)
            {
                throw new UserInputException("--neurons selects what --record records: add --record spikes,u,v (or a part of it).");
            }

            var watch = Stopwatch.StartNew();
            using var simulator = new Simulator(loaded, options);
            RunResult run = simulator.Run(n, schedule);
            watch.Stop();
            var report = SimulationReport.From(loaded, run, simulator.WorkerCount, watch.Elapsed.TotalSeconds);
            Print(report);
            if (outPath is not null)
            {
                Json.WriteFile(outPath, report);
                AnsiConsole.MarkupLine($"Report written to [bold]{Markup.Escape(outPath)}[/].");
            }

            if (quantities != TraceQuantities.None)
            {
                WriteTraces(parse.GetValue(traces)!, TraceSet.From(run, traced, quantities), Path.GetFileName(parse.GetValue(image)!), parse.GetValue(format) == "nir" ? parse.GetValue(dt) : null);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>Writes CSV files, or with <paramref name="nirDt"/> one NIR file; then the HTML summary.</summary>
    private static void WriteTraces(string directory, TraceSet set, string imageName, double? nirDt)
    {
        IReadOnlyList<string> files = nirDt is { } seconds ? [TraceNir.Write(directory, set, seconds)] : TraceCsv.Write(directory, set);
        string page = Path.Combine(directory, "summary.html");
        AtomicFile.WriteAllText(page, TracePage.Render(set, $"Traces of {imageName}"));
        AnsiConsole.MarkupLine($"Traced {set.Neurons.Count} neuron(s), {set.Spikes.Count:N0} spike(s): {string.Join(", ", files.Append(page).Select(f => Markup.Escape(Path.GetFileName(f))))} in [bold]{Markup.Escape(directory)}[/].");
    }

    private static void Print(SimulationReport report)
    {
        RunCounters c = report.Counters;
        AnsiConsole.MarkupLine($"[bold]{report.Ticks:N0} ticks[/] on [bold]{Markup.Escape(report.Chip)}[/] in {report.WallSeconds:F3} s ({report.Threads} thread(s))");
        var cores = new Table().Title("Per core").AddColumns("core", "label", "neurons", "spikes", "synaptic ops", "active updates", "packets", "dynamic energy (nJ)");
        foreach ((CoreCounters core, CoreEnergy energy) in c.Cores.Zip(report.Energy.ByCore))
        {
            cores.AddRow(core.CoreId.ToString(), Markup.Escape(core.Label), core.Neurons.ToString("N0"), core.Spikes.ToString("N0"),
                core.SynapticOps.ToString("N0"), core.ActiveUpdates.ToString("N0"), core.PacketsSent.ToString("N0"), (energy.EnergyPj / 1000).ToString("F3"));
        }

        AnsiConsole.Write(cores);
        var energyTable = new Table().Title("Energy by operation").AddColumns("operation", "count", "coefficient", "energy (nJ)", "source");
        foreach (EnergyLine line in report.Energy.ByOperation)
        {
            energyTable.AddRow(Markup.Escape(line.Operation), $"{line.Count:N0} {line.CountUnit}", $"{line.Coefficient} {line.CoefficientUnit}", (line.EnergyPj / 1000).ToString("F3"), Markup.Escape(line.Source));
        }

        AnsiConsole.Write(energyTable);
        AnsiConsole.MarkupLine($"Total energy [bold]{report.Energy.TotalPj / 1e3:F3} nJ[/] (dynamic {report.Energy.DynamicPj / 1e3:F3} nJ, static {report.Energy.StaticPj / 1e3:F3} nJ)");
        if (report.Timing is { } t)
        {
            AnsiConsole.MarkupLine($"Modelled time [bold]{t.TotalNs / 1e3:F3} µs[/]: mean tick {t.MeanTickNs:F1} ns, slowest tick {t.SlowestTick} ({t.MaxTickNs:F1} ns); critical core {t.CriticalCore} ({t.CriticalCoreTicks} ticks), busiest link {Markup.Escape(t.CriticalLinkDescription)}, {t.NetworkBoundTicks} network-bound ticks");
        }

        foreach ((string port, int[] counts) in report.ReadoutSpikeCounts)
        {
            string shown = string.Join(" ", counts.Take(32)) + (counts.Length > 32 ? " …" : "");
            AnsiConsole.MarkupLine($"Readout [bold]{Markup.Escape(port)}[/] spike counts: {shown}");
        }
    }
}
