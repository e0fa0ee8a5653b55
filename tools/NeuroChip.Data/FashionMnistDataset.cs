using NeuroChip.EventSim;

namespace NeuroChip.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul, Vollgraf 2017; 28×28 grey images, 10 classes, 60,000 training and 10,000 test
/// samples) read from the IDX files that Debian's <c>dataset-fashion-mnist</c> package installs.
/// </summary>
public static class FashionMnistDataset
{
    public const string Name = "fashion-mnist";
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";
    public const string DebianPackage = "dataset-fashion-mnist";
    public const int ClassCount = 10;

    public const string TrainImagesFile = "train-images-idx3-ubyte";
    public const string TrainLabelsFile = "train-labels-idx1-ubyte";
    public const string TestImagesFile = "t10k-images-idx3-ubyte";
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte";

    /// <summary>True when all four files exist (gzip-compressed or not) in <paramref name="directory"/>.</summary>
    public static bool IsAvailable(string directory = DefaultDirectory) =>
        TryFind(directory, TrainImagesFile) is not null && TryFind(directory, TrainLabelsFile) is not null
        && TryFind(directory, TestImagesFile) is not null && TryFind(directory, TestLabelsFile) is not null;

    /// <summary>Loads the official split; pixels scaled to [0, 1].</summary>
    public static DatasetSplit Load(string directory = DefaultDirectory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var train = IdxDatasetLoader.Load(Find(directory, TrainImagesFile), Find(directory, TrainLabelsFile), Name + "/train", ClassCount);
        var test = IdxDatasetLoader.Load(Find(directory, TestImagesFile), Find(directory, TestLabelsFile), Name + "/test", ClassCount);
        if (train.Shape != test.Shape)
        {
            throw new UserInputException($"{directory}: training images are {train.Shape} but test images are {test.Shape}; the files do not belong together.");
        }

        return new DatasetSplit(train, test);
    }

    private static string Find(string directory, string file) =>
        TryFind(directory, file) ?? throw new UserInputException(
            $"Fashion-MNIST file '{file}.gz' not found in '{directory}'. Install the Debian package with "
            + $"'apt-get install {DebianPackage}' (it puts the IDX files in {DefaultDirectory}), or point to a directory holding "
            + $"{TrainImagesFile}.gz, {TrainLabelsFile}.gz, {TestImagesFile}.gz and {TestLabelsFile}.gz.");

    private static string? TryFind(string directory, string file)
    {
        string compressed = Path.Combine(directory, file + ".gz");
        if (File.Exists(compressed))
        {
            return compressed;
        }

        string plain = Path.Combine(directory, file);
        return File.Exists(plain) ? plain : null;
    }
}
