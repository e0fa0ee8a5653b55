using System.Diagnostics;
using NeuroChip.Data;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping;
using NeuroChip.Mapping.Ann;
using NeuroChip.Mapping.Conversion;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Import.Onnx;
using NeuroChip.Mapping.Quantization;
using NeuroChip.Training;

namespace NeuroChip.Pipeline.Conversion;

/// <summary>
/// ANN → converted SNN → chip image → accuracy, for every (method, T): the body of <c>neurochip convert</c>. The ANN is
/// imported from ONNX, or the reference model is trained and exported to ONNX first (so the importer always runs).
/// Calibration uses the training split; every accuracy is measured on the test split.
/// </summary>
public static class ConversionExperiment
{
    /// <summary>Trains (or reads) the ANN; <paramref name="modelOut"/>, when given, receives the trained model as ONNX.</summary>
    public static (NetworkGraph Ann, string Description) LoadAnn(ConversionExperimentSpec spec, DatasetSplit data, string? modelOut, IProgress<string>? log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        if (spec.ModelPath is not null)
        {
            return (OnnxImporter.ImportFile(spec.ModelPath), Path.GetFileName(spec.ModelPath));
        }

        ReferenceModelKind kind = spec.Architecture ?? ReferenceModels.DefaultKind(spec.Dataset);
        NetworkSpec network = ReferenceModels.Network(kind, data.Train.Shape, data.Train.ClassCount);
        TrainingSpec training = ReferenceModels.Training(spec.Dataset, spec.Seed, spec.Threads);
        log?.Report($"training the reference {kind} on {data.Train.Count:N0} samples ({training.Epochs} epochs)");
        var progress = new Progress<EpochReport>(e => log?.Report($"  epoch {e.Epoch}/{e.Epochs}: loss {e.MeanLoss:F4}, test accuracy {e.TestAccuracy:P2}"));
        TrainingResult trained = ReferenceTrainer.Train(network, data.Train, data.Test, training, progress, cancellationToken);
        OnnxModel onnx = OnnxExport.ToOnnx(trained.Network);
        if (modelOut is not null)
        {
            OnnxModelFile.Write(modelOut, onnx);
        }

        return (OnnxImporter.Import(onnx, "reference model"), $"reference {kind.ToString().ToLowerInvariant()} (seed {spec.Seed})");
    }

    /// <summary>
    /// Runs the experiment; <paramref name="onRow"/> receives the report so far after every row (for writing partial
    /// results of long runs).
    /// </summary>
    public static ConversionReport Run(
        ConversionExperimentSpec spec, NetworkGraph ann, string modelDescription, DatasetSplit data,
        IProgress<string>? log = null, Action<ConversionReport>? onRow = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(ann);
        ArgumentNullException.ThrowIfNull(data);
        spec.Validate();
        ChipSpec chip = ChipSpecLoader.Load(spec.Chip);
        Dataset test = spec.Limit > 0 ? data.Test.Take(spec.Limit) : data.Test;
        AnnForwardPass pass = AnnForwardPass.Create(ann);
        if (pass.InputSize != test.Shape.Size)
        {
            throw new UserInputException($"The model's input has {pass.InputSize} values but data set '{test.Name}' has {test.Shape.Size} per sample {test.Shape}.");
        }

        double annAccuracy = pass.Accuracy(test.Features, test.Labels, spec.Threads);
        log?.Report($"ANN accuracy on {test.Count:N0} test samples: {annAccuracy:P2}");
        var rows = new List<ConversionRow>();
        ConversionReport Report(bool complete) => new()
        {
            Dataset = spec.Dataset,
            Model = modelDescription,
            Chip = chip.Name,
            WeightBits = spec.WeightBits,
            TestSamples = test.Count,
            CalibrationSamples = Math.Min(spec.CalibrationSamples, data.Train.Count),
            AnnAccuracy = annAccuracy,
            AnnMacsPerInference = MacCounter.Count(ann),
            Rows = [.. rows],
            Complete = complete,
        };

        foreach (ConversionMethod method in spec.Methods)
        {
            foreach (int t in spec.Timesteps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                var options = new ConversionOptions
                {
                    Method = method,
                    Timesteps = t,
                    Percentile = spec.Percentile,
                    CalibrationSamples = spec.CalibrationSamples,
                    Seed = spec.Seed,
                };
                ConversionResult converted = AnnToSnnConverter.Convert(ann, data.Train.Features, data.Train.Count, options, spec.Threads);
                double convertSeconds = clock.Elapsed.TotalSeconds;
                CompilationResult compiled = Compiler.Compile(converted.Snn, chip, new CompilerOptions
                {
                    Quantization = new QuantizationOptions { WeightBits = spec.WeightBits },
                    Placement = new() { Seed = spec.Seed },
                });
                double? floatAccuracy = spec.FloatSnn ? ChipEvaluator.EvaluateFloatSnn(converted.Snn, test.ToLabelledSamples(), t, 0, spec.Threads, cancellationToken) : null;
                ChipEvaluation chipRun = ChipEvaluator.Evaluate(compiled.Image, test.ToLabelledSamples(), t, spec.Threads, 0, null, cancellationToken);
                var row = new ConversionRow
                {
                    Method = method.ToString().ToLowerInvariant(),
                    Timesteps = t,
                    TicksPerInference = chipRun.TicksPerInference,
                    FloatSnnAccuracy = floatAccuracy,
                    ChipAccuracy = chipRun.Accuracy,
                    SynapticOpsPerInference = chipRun.SynapticOpsPerInference,
                    SpikesPerInference = chipRun.Counters.TotalSpikes / (double)chipRun.Samples,
                    EnergyPerInferencePj = chipRun.EnergyPerInferencePj,
                    ChipSecondsPerInference = chipRun.SecondsPerInference,
                    ConvertSeconds = convertSeconds,
                    Cores = compiled.Image.Cores.Count,
                    Layers = converted.Layers,
                };
                rows.Add(row);
                log?.Report(
                    $"{row.Method,-8} T={t,3}: float SNN {(floatAccuracy is { } f ? f.ToString("P2") : "-")}, chip {row.ChipAccuracy:P2}, {row.SynapticOpsPerInference:N0} syn ops, {row.EnergyPerInferencePj / 1e6:F3} µJ per inference ({clock.Elapsed.TotalSeconds:F0} s)");
                onRow?.Invoke(Report(false));
            }
        }

        return Report(true);
    }
}
