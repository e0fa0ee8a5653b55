using NeuroChip.Data;
using NeuroChip.EventSim;
using NeuroChip.Mapping.Conversion;

namespace NeuroChip.Pipeline.Run;

/// <summary>What <see cref="RunPipeline.Run"/> does; the defaults are <c>neurochip run</c> with no arguments.</summary>
public sealed record RunOptions
{
    /// <summary>"digits" (embedded) or "fashion-mnist" (the Debian package's IDX files).</summary>
    public string Dataset { get; init; } = DigitsDataset.Name;

    /// <summary>Where the Fashion-MNIST files are (null = <see cref="FashionMnistDataset.DefaultDirectory"/>).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Where data sets come from when a host keeps them loaded (the service); null loads them for this run alone.</summary>
    public DatasetCache? Datasets { get; init; }

    /// <summary>The user's network: an ONNX ANN (.onnx) or a NetworkGraph JSON (.json, ANN or already spiking); null = train the reference network.</summary>
    public string? ModelPath { get; init; }

    /// <summary>A chip preset name or a chip spec JSON file.</summary>
    public string Chip { get; init; } = "nc-ref";

    public IReadOnlyList<int> Timesteps { get; init; } = [8, 16, 32];

    public ConversionMethod Conversion { get; init; } = ConversionMethod.Light;

    public int Threads { get; init; } = 1;

    public int Seed { get; init; } = 1;

    public string OutputDirectory { get; init; } = "neurochip-out";

    /// <summary>Test samples to evaluate (0 = the whole test split).</summary>
    public int Limit { get; init; }

    /// <summary>Epochs of the reference trainer (null = the data set's default).</summary>
    public int? TrainEpochs { get; init; }

    /// <summary>Training samples the reference trainer uses (0 = the whole training split).</summary>
    public int TrainLimit { get; init; }

    /// <summary>Checks every field; throws a <see cref="UserInputException"/> naming the option and the fix.</summary>
    public void Validate()
    {
        if (!DatasetCatalog.Names.Contains(Dataset))
        {
            throw new UserInputException($"--dataset '{Dataset}' is not known; choose one of: {string.Join(", ", DatasetCatalog.Names)}.");
        }

        if (Timesteps.Count == 0 || Timesteps.Any(t => t is < 1 or > 100_000))
        {
            throw new UserInputException($"--timesteps '{string.Join(",", Timesteps)}': give one or more T from 1 to 100,000 separated by commas, e.g. 8,16,32.");
        }

        if (Timesteps.Distinct().Count() != Timesteps.Count)
        {
            throw new UserInputException($"--timesteps '{string.Join(",", Timesteps)}' lists a T twice; give each T once.");
        }

        if (Threads < 1)
        {
            throw new UserInputException($"--threads {Threads}: use at least 1 thread.");
        }

        if (Limit < 0 || TrainLimit < 0)
        {
            throw new UserInputException($"--limit {Limit}: give 0 (all test samples) or a positive count.");
        }

        if (TrainEpochs is < 1)
        {
            throw new UserInputException($"Training epochs {TrainEpochs}: train for at least 1 epoch.");
        }

        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            throw new UserInputException("--out is empty: name the directory the report goes to.");
        }
    }
}
