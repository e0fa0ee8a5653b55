using NeuroChip.EventSim;

namespace NeuroChip.Data;

/// <summary>The data sets the pipeline knows by name, each with its train/test split.</summary>
public static class DatasetCatalog
{
    public static readonly IReadOnlyList<string> Names = [DigitsDataset.Name, FashionMnistDataset.Name];

    /// <summary>
    /// "digits": the embedded set, split 1,437/360 by <paramref name="seed"/>. "fashion-mnist": the official
    /// 60,000/10,000 split read from <paramref name="directory"/> (default: where Debian's package installs it).
    /// </summary>
    public static DatasetSplit Load(string name, int seed, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            DigitsDataset.Name => DigitsDataset.LoadSplit(seed),
            FashionMnistDataset.Name => FashionMnistDataset.Load(directory ?? FashionMnistDataset.DefaultDirectory),
            _ => throw new UserInputException($"Unknown data set '{name}'; choose one of: {string.Join(", ", Names)}."),
        };
    }
}
