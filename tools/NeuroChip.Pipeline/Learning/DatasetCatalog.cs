using NeuroChip.EventSim;
using NeuroChip.OnChipLearning.Training;
using NeuroChip.Pipeline.Data;

namespace NeuroChip.Pipeline.Learning;

/// <summary>Named data sets as the learning rules consume them (flat features in [0, 1]).</summary>
public static class DatasetCatalog
{
    public static readonly IReadOnlyList<string> Names = ["digits", "fashion-mnist"];

    public static DatasetSplit Load(string name, string? directory, int seed) => name switch
    {
        "digits" => DigitsDataset.LoadSplit(seed),
        "fashion-mnist" => directory is null ? FashionMnistDataset.Load() : FashionMnistDataset.Load(directory),
        _ => throw new UserInputException($"Unknown data set '{name}'. Data sets: {string.Join(", ", Names)}."),
    };

    public static SampleSet ToSamples(Dataset d, int limit) => new SampleSet
    {
        Features = d.Features,
        Labels = d.Labels,
        FeatureCount = d.Shape.Size,
        ClassCount = d.ClassCount,
    }.Take(limit > 0 ? limit : d.Count);
}
