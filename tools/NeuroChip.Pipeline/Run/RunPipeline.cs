using NeuroChip.Data;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping;
using NeuroChip.Mapping.Ann;
using NeuroChip.Mapping.Conversion;
using NeuroChip.Mapping.Graph;
using NeuroChip.Pipeline.Conversion;
using NeuroChip.Pipeline.Reports;

namespace NeuroChip.Pipeline.Run;

/// <summary>
/// <c>neurochip run</c> as a library call: data set → network (trained reference ANN round-tripped through ONNX, or
/// the user's model) → for each T: ANN → SNN conversion, quantisation and mapping onto the chip, float SNN and chip SNN
/// (event engine) accuracy on the test samples, and one timed sample → report.json and report.html. Files are staged
/// beside the output directory and moved into it only when both are complete.
/// </summary>
public static class RunPipeline
{
    /// <summary>The test sample whose run is timed and drawn as a raster.</summary>
    public const int RepresentativeSample = 0;

    public static RunReport Run(RunOptions options, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = new StepClock(progress);
        ChipSpec chip = ChipSpecLoader.Load(options.Chip);
        if (options.ModelPath is not null && !File.Exists(options.ModelPath))
        {
            throw new UserInputException($"--model '{options.ModelPath}' does not exist; give the path of an ONNX model (.onnx) or a NetworkGraph JSON (.json).");
        }

        using OutputStaging staging = OutputStaging.Create(options.OutputDirectory);
        DatasetSplit split = clock.Time("load data", options.Dataset, 0, _ => options.Datasets?.Load(options.Dataset, options.Seed, options.DataDirectory)
            ?? DatasetCatalog.Load(options.Dataset, options.Seed, options.DataDirectory));
        Dataset test = options.Limit > 0 ? split.Test.Take(options.Limit) : split.Test;
        LoadedModel model = options.ModelPath is null
            ? ModelLoader.TrainAndExport(split, options, staging.Directory, clock, cancellationToken)
            : ModelLoader.Read(options.ModelPath, clock);

        double annAccuracy = double.NaN;
        long annMacs = 0;
        if (!model.IsSpiking)
        {
            (annAccuracy, annMacs) = clock.Time("ANN accuracy", $"{test.Count} samples", 0, _ =>
            {
                AnnForwardPass ann = AnnForwardPass.Create(model.Graph);
                CheckInput(ann.InputSize, ann.OutputSize, test);
                return (ann.Accuracy(test.Features, test.Labels, options.Threads), MacCounter.Count(model.Graph));
            });
        }

        var results = new List<TimestepResult>();
        foreach (int t in options.Timesteps)
        {
            results.Add(RunTimesteps(t, model, split.Train, test, chip, options, clock, cancellationToken));
        }

        TimestepResult detail = results.MaxBy(r => r.Timesteps)!;
        RunReport report = clock.Time("report", "report.json + report.html", 0, _ =>
        {
            RunReport built = Build(options, model, split, test, chip, annAccuracy, annMacs, results, detail, clock);
            RunReportFiles.WriteJson(Path.Combine(staging.Directory, RunReportFiles.JsonName), built);
            RunReportFiles.WriteHtml(Path.Combine(staging.Directory, RunReportFiles.HtmlName), built);
            return built;
        });

        // The report step's own time is known only now: rewrite both files with the final step list.
        report = report with { Steps = clock.Steps, TotalWallSeconds = clock.TotalSeconds };
        RunReportFiles.WriteJson(Path.Combine(staging.Directory, RunReportFiles.JsonName), report);
        RunReportFiles.WriteHtml(Path.Combine(staging.Directory, RunReportFiles.HtmlName), report);
        EventSim.Serialization.ChipImageFile.Write(Path.Combine(staging.Directory, RunReportFiles.ImageName), detail.Compiled.Image);
        staging.Commit();
        return report;
    }

    private static TimestepResult RunTimesteps(
        int t, LoadedModel model, Dataset train, Dataset test, ChipSpec chip, RunOptions options, StepClock clock, CancellationToken cancellationToken)
    {
        string at = $"T = {t}";
        ConversionResult? conversion = null;
        NetworkGraph snn = model.Graph;
        if (!model.IsSpiking)
        {
            var conversionOptions = new ConversionOptions { Method = options.Conversion, Timesteps = t, Seed = options.Seed };
            conversion = clock.Time("convert", $"{at}, {options.Conversion.ToString().ToLowerInvariant()}", 0, _ =>
                AnnToSnnConverter.Convert(model.Graph, train.Features, train.Count, conversionOptions, options.Threads));
            snn = conversion.Snn;
        }

        CompilationResult compiled = clock.Time("quantise + map", $"{at}, {chip.Name}", 0, _ =>
            Compiler.Compile(snn, chip, new CompilerOptions { Placement = new() { Seed = options.Seed } }));
        double floatSnn = clock.Time("float SNN", at, 0, _ =>
            ChipEvaluator.EvaluateFloatSnn(snn, test.ToLabelledSamples(), t, 0, options.Threads, cancellationToken));
        ChipEvaluation evaluation = clock.Time("chip SNN (event engine)", at, test.Count, progress =>
            ChipEvaluator.Evaluate(compiled.Image, test.ToLabelledSamples(), t, options.Threads, 0, progress, cancellationToken));
        RunResult sample = clock.Time("timed sample", at, 0, _ =>
            SampleRun.Run(compiled.Image, test.ToLabelledSamples(), RepresentativeSample, t, recordSpikes: t == options.Timesteps.Max(), cancellationToken));
        return new TimestepResult(t, conversion, compiled, floatSnn, evaluation, sample);
    }

    private static RunReport Build(
        RunOptions options, LoadedModel model, DatasetSplit split, Dataset test, ChipSpec chip, double annAccuracy, long annMacs,
        List<TimestepResult> results, TimestepResult detail, StepClock clock) => new()
        {
            Settings = new RunSettings
            {
                Dataset = options.Dataset,
                ModelSource = model.Source,
                Chip = chip.Name,
                Conversion = model.IsSpiking ? "none (the model already spikes)" : options.Conversion.ToString().ToLowerInvariant(),
                Timesteps = options.Timesteps,
                Threads = options.Threads,
                Seed = options.Seed,
                TrainSamples = options.ModelPath is null && options.TrainLimit > 0 ? Math.Min(options.TrainLimit, split.Train.Count) : split.Train.Count,
                TestSamples = test.Count,
            },
            Model = new ModelSummary
            {
                AnnNodes = [.. model.Graph.Nodes.Select(n => $"{n.Name} ({n.Kind})")],
                AnnAccuracy = annAccuracy,
                AnnMacsPerInference = annMacs,
                ChipNeurons = detail.Compiled.Network.NeuronCount,
                ChipSynapses = detail.Compiled.Network.SynapseCount,
                CoresUsed = detail.Compiled.Image.Cores.Count,
                Conversion = detail.Conversion is null
                    ? []
                    : [.. detail.Conversion.Layers.Select(l => new ConversionLayerRow(l.Node, l.Threshold, l.MaxActivation, l.BiasCorrection, l.PotentialCorrection))],
            },
            Accuracy = [.. results.Select(r => new AccuracyRow(r.Timesteps, annAccuracy, r.FloatSnnAccuracy, r.Chip.Accuracy, r.Chip.Samples))],
            PerTimestep = [.. results.Select(r => ReportBuilder.Summary(r, chip))],
            Detail = ReportBuilder.Detail(detail, chip, annMacs, RepresentativeSample, test.Labels[RepresentativeSample]),
            Coefficients = ReportBuilder.Coefficients(chip),
            Steps = [.. clock.Steps],
            TotalWallSeconds = clock.TotalSeconds,
        };

    private static void CheckInput(int inputSize, int outputSize, Dataset data)
    {
        if (inputSize != data.Shape.Size)
        {
            throw new UserInputException(
                $"The model takes {inputSize} input values but data set '{data.Name}' has {data.Shape.Size} per sample {data.Shape}; use a model made for this data set or pick the matching --dataset.");
        }

        if (outputSize != data.ClassCount)
        {
            throw new UserInputException(
                $"The model has {outputSize} outputs but data set '{data.Name}' has {data.ClassCount} classes; use a model made for this data set.");
        }
    }
}
