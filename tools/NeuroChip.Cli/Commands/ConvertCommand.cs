using System.CommandLine;
using NeuroChip.Data;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Serialization;
using NeuroChip.Mapping.Conversion;
using NeuroChip.Mapping.Graph;
using NeuroChip.Pipeline.Conversion;
using NeuroChip.Training;
using Spectre.Console;

namespace NeuroChip.Cli.Commands;

/// <summary>
/// <c>neurochip convert [--model M.onnx | --dataset D] [--chip C] [--timesteps 8,16,32,64] [--conversion all] [--weight-bits 8] [--threads N] [--out DIR]</c>:
/// ANN → SNN for each method and T, compiled for the chip, with a table of accuracy against T (ANN, float SNN, chip SNN).
/// </summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo?>("--model") { Description = "ONNX model to convert. Default: train the reference model for the data set (saved as model.onnx in --out)." };
        var dataset = new Option<string>("--dataset") { Description = "Data set for calibration and testing: digits | fashion-mnist.", DefaultValueFactory = _ => "digits" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory with the Fashion-MNIST IDX files (default: the Debian package's)." };
        var arch = new Option<string?>("--arch") { Description = "Reference model to train when no --model is given: mlp | cnn (default: mlp for digits, cnn for fashion-mnist)." };
        var chip = new Option<string>("--chip") { Description = "Target chip: a preset (nc-ref, nc-tiny) or a chip spec JSON file.", DefaultValueFactory = _ => "nc-ref" };
        var timesteps = new Option<string>("--timesteps") { Description = "Values of T, comma separated.", DefaultValueFactory = _ => "8,16,32,64" };
        var conversion = new Option<string>("--conversion") { Description = "none | shift | light | advanced | all, or a comma-separated list.", DefaultValueFactory = _ => "all" };
        var weightBits = new Option<int?>("--weight-bits") { Description = "Signed weight mantissa width, 1 to 8. Default: 8.", DefaultValueFactory = _ => 8 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (results are identical for any count).", DefaultValueFactory = _ => 1 };
        var limit = new Option<int>("--limit") { Description = "Evaluate only the first N test samples (0 = all).", DefaultValueFactory = _ => 0 };
        var calibration = new Option<int>("--calibration-samples") { Description = "Training samples used to balance thresholds and calibrate.", DefaultValueFactory = _ => 256 };
        var percentile = new Option<double>("--percentile") { Description = "Threshold-balancing percentile of activations (100 = max).", DefaultValueFactory = _ => 99.99 };
        var noFloat = new Option<bool>("--no-float-snn") { Description = "Skip the float SNN column (halves the run time)." };
        var seed = new Option<int>("--seed") { Description = "Seed of training, calibration sampling and placement.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out", "-o") { Description = "Output directory for conversion.json (rewritten after every row) and model.onnx.", DefaultValueFactory = _ => "convert-out" };

        var command = new Command("convert", "Convert an ANN to a spiking network (threshold balancing, θ/2T shift, layer-wise calibration), compile it for a chip and measure accuracy against T.")
        {
            model, dataset, dataDir, arch, chip, timesteps, conversion, weightBits, threads, limit, calibration, percentile, noFloat, seed, output,
        };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            string outDir = parse.GetValue(output)!;
            var spec = new ConversionExperimentSpec
            {
                ModelPath = parse.GetValue(model)?.FullName,
                Dataset = parse.GetValue(dataset)!,
                DataDirectory = parse.GetValue(dataDir),
                Architecture = ParseArchitecture(parse.GetValue(arch)),
                Chip = parse.GetValue(chip)!,
                Timesteps = ParseTimesteps(parse.GetValue(timesteps)!),
                Methods = ParseMethods(parse.GetValue(conversion)!),
                WeightBits = parse.GetValue(weightBits),
                Threads = parse.GetValue(threads),
                Limit = parse.GetValue(limit),
                CalibrationSamples = parse.GetValue(calibration),
                Percentile = parse.GetValue(percentile),
                FloatSnn = !parse.GetValue(noFloat),
                Seed = parse.GetValue(seed),
            };
            spec.Validate();
            if (spec.ModelPath is not null && !File.Exists(spec.ModelPath))
            {
                throw new UserInputException($"--model: file '{spec.ModelPath}' does not exist.");
            }

            Directory.CreateDirectory(outDir);
            string reportPath = Path.Combine(outDir, "conversion.json");
            var log = new SynchronousProgress<string>(line => AnsiConsole.WriteLine(line));
            DatasetSplit data = DatasetCatalog.Load(spec.Dataset, spec.Seed, spec.DataDirectory);
            (NetworkGraph ann, string description) = ConversionExperiment.LoadAnn(spec, data, spec.ModelPath is null ? Path.Combine(outDir, "model.onnx") : null, log);
            ConversionReport report = ConversionExperiment.Run(spec, ann, description, data, log, partial => Json.WriteFile(reportPath, partial));
            Json.WriteFile(reportPath, report);
            Print(report);
            AnsiConsole.MarkupLine($"Report written to [bold]{Markup.Escape(reportPath)}[/].");
            return 0;
        }));
        return command;
    }

    private static void Print(ConversionReport report)
    {
        var table = new Table()
            .Title($"{Markup.Escape(report.Model)} on {Markup.Escape(report.Dataset)} ({report.TestSamples:N0} test samples), {Markup.Escape(report.Chip)}, {report.WeightBits?.ToString() ?? "chip's"}-bit weights")
            .AddColumns("method", "T", "ticks", "ANN", "float SNN", "chip SNN", "syn ops / inf", "energy / inf (µJ)", "ms / inf");
        foreach (ConversionRow row in report.Rows)
        {
            table.AddRow(
                row.Method,
                row.Timesteps.ToString(),
                row.TicksPerInference.ToString(),
                report.AnnAccuracy.ToString("P2"),
                row.FloatSnnAccuracy?.ToString("P2") ?? "-",
                row.ChipAccuracy.ToString("P2"),
                row.SynapticOpsPerInference.ToString("N0"),
                (row.EnergyPerInferencePj / 1e6).ToString("F3"),
                (row.ChipSecondsPerInference * 1e3).ToString("F2"));
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"ANN: {report.AnnMacsPerInference:N0} MACs per inference. Energy is the chip's dynamic energy (synaptic ops, neuron updates, spikes, hops).");
    }

    private static ReferenceModelKind? ParseArchitecture(string? text) => text?.ToLowerInvariant() switch
    {
        null => null,
        "mlp" => ReferenceModelKind.Mlp,
        "cnn" => ReferenceModelKind.Cnn,
        _ => throw new UserInputException($"--arch '{text}': choose mlp or cnn."),
    };

    private static int[] ParseTimesteps(string text)
    {
        var values = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, out int t) || t < 1)
            {
                throw new UserInputException($"--timesteps '{text}': '{part}' is not a positive integer; give values like 8,16,32,64.");
            }

            values.Add(t);
        }

        return values.Count > 0 ? [.. values] : throw new UserInputException("--timesteps: give at least one value, e.g. 8,16,32,64.");
    }

    private static ConversionMethod[] ParseMethods(string text)
    {
        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return [ConversionMethod.None, ConversionMethod.Shift, ConversionMethod.Light, ConversionMethod.Advanced];
        }

        var methods = new List<ConversionMethod>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            methods.Add(part.ToLowerInvariant() switch
            {
                "none" => ConversionMethod.None,
                "shift" => ConversionMethod.Shift,
                "light" => ConversionMethod.Light,
                "advanced" => ConversionMethod.Advanced,
                _ => throw new UserInputException($"--conversion '{text}': '{part}' is not a method; choose none, shift, light, advanced or all."),
            });
        }

        return methods.Count > 0 ? [.. methods] : throw new UserInputException("--conversion: give a method (none, shift, light, advanced or all).");
    }

    /// <summary>Reports on the calling thread, so log lines keep their order.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
