using NeuroChip.Data;
using NeuroChip.EventSim;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Import.Onnx;
using NeuroChip.Training;

namespace NeuroChip.Pipeline.Run;

/// <summary>Gets the run's network: trains the reference ANN and round-trips it through ONNX, or reads the user's file.</summary>
internal static class ModelLoader
{
    public const string ExportedModelName = "model.onnx";

    /// <summary>
    /// Trains the data set's reference network (MLP on digits, CNN on Fashion-MNIST; seeded), writes it as ONNX into
    /// <paramref name="directory"/>, and imports that file back, so the importer runs on every run.
    /// </summary>
    public static LoadedModel TrainAndExport(DatasetSplit split, RunOptions options, string directory, StepClock clock, CancellationToken cancellationToken)
    {
        Dataset train = options.TrainLimit > 0 ? split.Train.Take(options.TrainLimit) : split.Train;
        ReferenceModelKind kind = ReferenceModels.DefaultKind(options.Dataset);
        NetworkSpec network = ReferenceModels.Network(kind, train.Shape, train.ClassCount);
        TrainingSpec training = ReferenceModels.Training(options.Dataset, options.Seed, options.Threads);
        if (options.TrainEpochs is int epochs)
        {
            training = training with { Epochs = epochs };
        }

        string source = $"reference {kind.ToString().ToUpperInvariant()} (trained, {training.Epochs} epochs)";
        TrainingResult trained = clock.Time("train", source, training.Epochs, progress =>
            ReferenceTrainer.Train(network, train, null, training, new EpochProgress(progress), cancellationToken));
        string path = Path.Combine(directory, ExportedModelName);
        NetworkGraph graph = clock.Time("ONNX export + import", ExportedModelName, 0, _ =>
        {
            OnnxExport.Write(trained.Network, path);
            return OnnxImporter.ImportFile(path);
        });
        return new LoadedModel(graph, IsSpiking: false, source);
    }

    /// <summary>Reads an ONNX model (.onnx) or a NetworkGraph JSON file (.json).</summary>
    public static LoadedModel Read(string path, StepClock clock)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"--model '{path}' does not exist; give the path of an ONNX model (.onnx) or a NetworkGraph JSON (.json).");
        }

        bool json = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        NetworkGraph graph = clock.Time("import", Path.GetFileName(path), 0, _ =>
        {
            try
            {
                return json ? NetworkGraphJson.Read(path) : OnnxImporter.ImportFile(path);
            }
            catch (UserInputException e)
            {
                throw new UserInputException($"--model '{path}' cannot be read: {OneLine(e.Message)}", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"--model '{path}' cannot be read ({OneLine(e.Message)}); check the file and its permissions.", e);
            }
        });
        return new LoadedModel(graph, LoadedModel.Spikes(graph), Path.GetFileName(path));
    }

    private static string OneLine(string message) => string.Join(" ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private sealed class EpochProgress(IProgress<int> inner) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => inner.Report(value.Epoch);
    }
}
