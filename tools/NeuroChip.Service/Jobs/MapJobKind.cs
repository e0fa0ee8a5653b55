using System.Diagnostics;
using System.Text;
using System.Text.Json;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Serialization;
using NeuroChip.Mapping;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Quantization;
using NeuroChip.Service.Keys;

namespace NeuroChip.Service.Jobs;

/// <summary>
/// <c>map</c>: a NetworkGraph JSON (form field <c>graph</c>) compiled onto a chip preset by
/// <see cref="Compiler.Compile(NetworkGraph, ChipSpec, CompilerOptions?)"/>, exactly as <c>neurochip map</c> does.
/// Artifacts: <c>image.json</c> (a ChipImage file), <c>report.json</c> (<see cref="MapReport"/>) and <c>report.html</c>.
/// At submission the compiler's <see cref="FitCheck"/> runs, so a network that does not fit the chip, or has more
/// neurons than the key allows, is refused with 422 and the compiler's message.
/// </summary>
internal sealed class MapJobKind() : JobKind(KindName, Summary)
{
    private const string Summary = "neurochip map: a NetworkGraph JSON ('graph') → quantise, partition, place and route onto a chip preset; image.json, report.json (utilisation, quantisation, placement, routing), report.html.";

    public const string KindName = "map";

    private const string GraphFile = "graph.json";
    private const string ImageFile = "image.json";

    public override string Prepare(JobSubmission submission, KeyLimits limits, string inputDirectory)
    {
        UploadedFile file = SelectGraph(submission);
        MapJobOptions options = OptionsJson.Parse<MapJobOptions>(submission.OptionsJson, "{\"chip\": \"nc-ref\", \"weightBits\": 4, \"seed\": 1}");
        ChipSpec chip = OptionsJson.Chip(options.Chip, "options.chip");
        if (options.WeightBits is < 1 or > 8)
        {
            throw new JobInputException("options.weightBits", $"options.weightBits = {options.WeightBits}: choose 1 (binary) to 8, or leave it out for the chip's width ({chip.Formats.WeightMantissaBits}).");
        }

        NetworkGraph graph = ParseGraph(file);
        long neurons = ModelFitCheck.Require(FitCheck.Check(graph, chip, new QuantizationOptions { WeightBits = options.WeightBits }), chip, limits, "graph");
        File.WriteAllBytes(Path.Combine(inputDirectory, GraphFile), file.Content);
        return JsonSerializer.Serialize(new MapJobSettings(chip.Name, options.WeightBits, options.Seed, GraphFile, file.FileName, neurons), Json.Compact);
    }

    public override JobOutput Execute(JobExecution execution)
    {
        MapJobSettings settings = JsonSerializer.Deserialize<MapJobSettings>(execution.OptionsJson, Json.Compact)
            ?? throw new InvalidOperationException($"Job {execution.JobId} has no stored options.");
        ChipSpec chip = ChipSpecLoader.LoadPreset(settings.Chip);
        NetworkGraph graph = NetworkGraphJson.Read(Path.Combine(execution.InputDirectory, settings.GraphFile));
        execution.Progress.Report(new JobProgress(0.1, "graph loaded"));
        execution.CancellationToken.ThrowIfCancellationRequested();

        var options = new CompilerOptions
        {
            Quantization = new QuantizationOptions { WeightBits = settings.WeightBits },
            Placement = new() { Seed = settings.Seed },
        };
        var watch = Stopwatch.StartNew();
        CompilationResult result = Compiler.Compile(graph, chip, options);
        watch.Stop();
        execution.CancellationToken.ThrowIfCancellationRequested();
        execution.Progress.Report(new JobProgress(0.9, "compiled"));

        MapReport report = MapReport.From(settings.GraphName, chip, settings, result, watch.Elapsed.TotalSeconds);
        ChipImageFile.Write(Path.Combine(execution.OutputDirectory, ImageFile), result.Image);
        Json.WriteFile(Path.Combine(execution.OutputDirectory, "report.json"), report);
        AtomicFile.WriteAllText(Path.Combine(execution.OutputDirectory, "report.html"), SummaryPage.Map(report, execution.JobId));
        var summary = new { neurons = report.Neurons, synapses = report.Synapses, coresUsed = report.CoresUsed, chip = report.Chip };
        return new JobOutput(
            [
                new JobOutputFile("report.json", "application/json"),
                new JobOutputFile("report.html", "text/html; charset=utf-8"),
                new JobOutputFile(ImageFile, "application/json"),
            ],
            JsonSerializer.Serialize(summary, Json.Compact));
    }

    private static UploadedFile SelectGraph(JobSubmission submission)
    {
        string? unexpected = submission.Files.Keys.FirstOrDefault(k => k != "graph");
        if (unexpected is not null)
        {
            throw new JobInputException(unexpected, $"A map job takes one file, a NetworkGraph JSON in the form field 'graph'; the field '{unexpected}' is not used.");
        }

        if (submission.Example is not null)
        {
            throw new JobInputException("example", "A map job has no built-in examples; upload a NetworkGraph JSON in the form field 'graph'.");
        }

        if (!submission.Files.TryGetValue("graph", out UploadedFile? file) || file.Content.Length == 0)
        {
            throw new JobInputException("graph", "No network graph: upload a NetworkGraph JSON (such as examples/small-net.json) in the form field 'graph'.");
        }

        return file;
    }

    private static NetworkGraph ParseGraph(UploadedFile file)
    {
        try
        {
            return NetworkGraphJson.Parse(Encoding.UTF8.GetString(file.Content), file.FileName);
        }
        catch (UserInputException e)
        {
            throw new JobInputException("graph", e.Message);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new JobInputException("graph", $"'{file.FileName}' is not a NetworkGraph JSON: {e.Message}");
        }
    }
}
