using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NeuroChip.Data;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Serialization;
using NeuroChip.Mapping.Conversion;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Import.Onnx;
using NeuroChip.Pipeline.Reports;
using NeuroChip.Pipeline.Run;
using NeuroChip.Service.Keys;
using NeuroChip.Training;

namespace NeuroChip.Service.Jobs;

/// <summary>
/// <c>run</c>: the pipeline of <c>neurochip run</c> (<see cref="RunPipeline.Run"/>) on an uploaded ONNX model (form
/// field <c>model</c>) or the built-in example <c>digits-mlp</c> (the reference MLP trained on the embedded digits,
/// as <c>neurochip run</c> with no arguments). Artifacts: <c>report.json</c>, <c>report.html</c>, the chip image
/// of the largest T (<c>image.json</c>) and, for the example, the trained <c>model.onnx</c>.
/// Key limits: the upload size (checked by the endpoint), the spiking network's neurons after mapping against
/// <see cref="KeyLimits.MaxNeurons"/>, and the simulated ticks, Σ over T of T × (test samples + 1 timed sample),
/// against <see cref="KeyLimits.MaxTicks"/>.
/// </summary>
internal sealed class RunJobKind(DatasetCache datasets) : JobKind(KindName, Summary)
{
    private const string Summary = $"neurochip run: an uploaded ONNX model ('model') or the example '{ExampleName}' → conversion to a spiking network for each T → chip mapping → event-engine accuracy and energy; report.json, report.html, image.json.";

    public const string KindName = "run";
    public const string ExampleName = "digits-mlp";
    public const string ExampleDescription = "The reference MLP (64-128-10), trained on the server on the embedded digits, as 'neurochip run' with no arguments.";

    private const string ModelFile = "model.onnx";

    public override string Prepare(JobSubmission submission, KeyLimits limits, string inputDirectory)
    {
        RunJobOptions options = OptionsJson.Parse<RunJobOptions>(submission.OptionsJson, "{\"timesteps\": [8, 16], \"limit\": 50}");
        ConversionMethod conversion = ParseConversion(options.Conversion);
        CheckOptions(options);
        ChipSpec chip = OptionsJson.Chip(options.Chip, "options.chip");

        (byte[]? upload, string source) = SelectModel(submission);
        if (upload is null && options.Dataset != DigitsDataset.Name)
        {
            throw new JobInputException("options.dataset", $"options.dataset = '{options.Dataset}': the example '{ExampleName}' trains on 'digits'; upload an ONNX model for '{options.Dataset}'.");
        }

        if (upload is not null && options.Epochs is not null)
        {
            throw new JobInputException("options.epochs", "options.epochs sets the training of the built-in example; an uploaded model is not trained again. Leave it out.");
        }

        DatasetSplit split = LoadData(options);
        int samples = options.Limit > 0 ? Math.Min(options.Limit, split.Test.Count) : split.Test.Count;
        long ticks = options.Timesteps.Sum(t => (long)t) * (samples + 1);
        if (ticks > limits.MaxTicks)
        {
            throw new JobInputException(
                "options.limit",
                $"The run simulates {ticks:N0} ticks (Σ T = {options.Timesteps.Sum():N0} × ({samples:N0} test samples + 1 timed sample)); this API key may run at most {limits.MaxTicks:N0}. Lower options.limit or options.timesteps.",
                StatusCodes.Status422UnprocessableEntity);
        }

        NetworkGraph ann = upload is null ? ExampleNetwork(split.Train, options.Seed) : ImportUpload(upload, source);
        long neurons = ModelFitCheck.NeuronsAfterMapping(ann, split.Train, chip, options.Timesteps.Max(), options.Seed, limits, upload is null ? "example" : "model");
        string? stored = upload is null ? null : StoredModelName(source);
        if (upload is not null)
        {
            File.WriteAllBytes(Path.Combine(inputDirectory, stored!), upload);
        }

        var settings = new RunJobSettings(
            options.Dataset, options.Timesteps, conversion.ToString().ToLowerInvariant(), chip.Name, options.Seed, options.Limit, options.Threads, options.Epochs,
            stored, upload is null ? ExampleName : null, samples, ticks, neurons);
        return JsonSerializer.Serialize(settings, Json.Compact);
    }

    public override JobOutput Execute(JobExecution execution)
    {
        RunJobSettings settings = JsonSerializer.Deserialize<RunJobSettings>(execution.OptionsJson, Json.Compact)
            ?? throw new InvalidOperationException($"Job {execution.JobId} has no stored options.");
        var options = new RunOptions
        {
            Dataset = settings.Dataset,
            ModelPath = settings.ModelFile is null ? null : Path.Combine(execution.InputDirectory, settings.ModelFile),
            Chip = settings.Chip,
            Timesteps = settings.Timesteps,
            Conversion = ParseConversion(settings.Conversion),
            Threads = settings.Threads,
            Seed = settings.Seed,
            OutputDirectory = execution.OutputDirectory,
            Datasets = datasets,
            Limit = settings.Limit,
            TrainEpochs = settings.Epochs,
        };

        var progress = new RunProgressAdapter(execution.Progress, PlannedSteps(settings));
        RunReport report = RunPipeline.Run(options, progress, execution.CancellationToken);
        execution.CancellationToken.ThrowIfCancellationRequested();

        string modelPath = options.ModelPath ?? Path.Combine(execution.OutputDirectory, ModelFile);

        var files = new List<JobOutputFile>
        {
            new(RunReportFiles.JsonName, "application/json"),
            new(RunReportFiles.HtmlName, "text/html; charset=utf-8"),
            new(RunReportFiles.ImageName, "application/json"),
        };
        if (settings.ModelFile is null && File.Exists(modelPath))
        {
            files.Add(new JobOutputFile(ModelFile, "application/octet-stream"));
        }

        AccuracyRow best = report.Accuracy.MaxBy(a => a.Timesteps)!;
        ChipRunSummary work = report.PerTimestep.MaxBy(w => w.Timesteps)!;
        var summary = new
        {
            timesteps = best.Timesteps,
            chipAccuracy = Math.Round(best.ChipSnn, 4),
            testSamples = report.Settings.TestSamples,
            coresUsed = report.Model.CoresUsed,
            energyPerInferenceNj = Math.Round(work.EnergyPerInferencePj / 1000, 3),
        };
        return new JobOutput(files, JsonSerializer.Serialize(summary, Json.Compact));
    }

    /// <summary>Steps <see cref="RunPipeline.Run"/> times: load data, train + export or import, ANN accuracy, five per T, report.</summary>
    private static int PlannedSteps(RunJobSettings settings) => 1 + (settings.ModelFile is null ? 2 : 1) + 1 + (5 * settings.Timesteps.Count) + 1;

    private static void CheckOptions(RunJobOptions options)
    {
        if (!DatasetCatalog.Names.Contains(options.Dataset))
        {
            throw new JobInputException("options.dataset", $"options.dataset = '{options.Dataset}': choose one of {string.Join(", ", DatasetCatalog.Names)}.");
        }

        if (options.Timesteps.Count == 0 || options.Timesteps.Count > 8)
        {
            throw new JobInputException("options.timesteps", $"options.timesteps has {options.Timesteps.Count} values: give 1 to 8 values of T, e.g. [8, 16, 32].");
        }

        for (int k = 0; k < options.Timesteps.Count; k++)
        {
            if (options.Timesteps[k] is < 1 or > 1024)
            {
                throw new JobInputException($"options.timesteps[{k}]", $"options.timesteps[{k}] = {options.Timesteps[k]}: T must lie in 1..1024.");
            }
        }

        if (options.Timesteps.Distinct().Count() != options.Timesteps.Count)
        {
            throw new JobInputException("options.timesteps", $"options.timesteps [{string.Join(", ", options.Timesteps)}] lists a T twice; give each T once.");
        }

        if (options.Limit < 0)
        {
            throw new JobInputException("options.limit", $"options.limit = {options.Limit}: give 0 (the whole test split) or a positive number of test samples.");
        }

        if (options.Threads is < 1 or > RunJobOptions.MaxThreads)
        {
            throw new JobInputException("options.threads", $"options.threads = {options.Threads}: use 1 to {RunJobOptions.MaxThreads} threads (results are identical for any count).");
        }

        if (options.Epochs is < 1 or > RunJobOptions.MaxEpochs)
        {
            throw new JobInputException("options.epochs", $"options.epochs = {options.Epochs}: train for 1 to {RunJobOptions.MaxEpochs} epochs.");
        }
    }

    private static ConversionMethod ParseConversion(string text) =>
        Enum.TryParse(text, ignoreCase: true, out ConversionMethod method) && Enum.IsDefined(method) && !int.TryParse(text, out _)
            ? method
            : throw new JobInputException("options.conversion", $"options.conversion = '{text}': choose one of {string.Join(", ", Enum.GetNames<ConversionMethod>().Select(n => n.ToLowerInvariant()))}.");

    private static (byte[]? Upload, string Source) SelectModel(JobSubmission submission)
    {
        bool uploaded = submission.Files.TryGetValue("model", out UploadedFile? file);
        string? unexpected = submission.Files.Keys.FirstOrDefault(k => k != "model");
        if (unexpected is not null)
        {
            throw new JobInputException(unexpected, $"A run job takes one file, an ONNX model in the form field 'model'; the field '{unexpected}' is not used.");
        }

        if (submission.Example is { } name)
        {
            if (uploaded)
            {
                throw new JobInputException("example", "Send either a 'model' file or an 'example' name, not both.");
            }

            return name == ExampleName
                ? (null, ExampleName)
                : throw new JobInputException("example", $"No built-in run example '{name}'. Run examples: {ExampleName}.");
        }

        if (!uploaded || file is null)
        {
            throw new JobInputException("model", $"No model: upload an ONNX model (.onnx) in the form field 'model' or name the built-in example '{ExampleName}' in the field 'example'.");
        }

        return (file.Content, file.FileName);
    }

    /// <summary>
    /// The client's file name, kept so the report names the model as the client knows it: letters, digits, '.', '-'
    /// and '_' only, and always ending in .onnx (the pipeline reads a .json model as a NetworkGraph).
    /// </summary>
    private static string StoredModelName(string fileName)
    {
        string stem = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName));
        string safe = new([.. stem.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_').Take(80)]);
        return (safe.Trim('.').Length == 0 ? "model" : safe.Trim('.')) + ".onnx";
    }

    /// <summary>The data set from the process-wide cache: loaded by the first request that needs it, shared after.</summary>
    private DatasetSplit LoadData(RunJobOptions options)
    {
        try
        {
            return datasets.Load(options.Dataset, options.Seed);
        }
        catch (UserInputException e)
        {
            throw new JobInputException("options.dataset", e.Message, StatusCodes.Status422UnprocessableEntity);
        }
    }

    private static NetworkGraph ImportUpload(byte[] bytes, string fileName)
    {
        OnnxModel model;
        try
        {
            model = OnnxModelFile.Parse(bytes, fileName);
        }
        catch (UserInputException e)
        {
            throw new JobInputException("model", e.Message);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException or IndexOutOfRangeException or OverflowException or FormatException)
        {
            throw new JobInputException("model", $"'{fileName}' is not an ONNX model: {e.Message} Upload a complete .onnx export.");
        }

        try
        {
            return OnnxImporter.Import(model, fileName);
        }
        catch (UserInputException e)
        {
            throw new JobInputException("model", e.Message, StatusCodes.Status422UnprocessableEntity);
        }
    }

    /// <summary>The example's network, untrained: same layers as the one the run trains, so the same size after mapping.</summary>
    private static NetworkGraph ExampleNetwork(Dataset train, int seed)
    {
        NetworkSpec spec = ReferenceModels.Network(ReferenceModelKind.Mlp, train.Shape, train.ClassCount);
        return OnnxImporter.Import(OnnxExport.ToOnnx(ReferenceNetwork.Create(spec, seed)), ExampleName);
    }
}
