using System.Globalization;
using System.IO.Compression;
using NeuroChip.EventSim;

namespace NeuroChip.Data;

/// <summary>
/// The embedded handwritten digits (8×8, values 0–16, 10 classes; UCI "Optical Recognition of Handwritten Digits",
/// CC BY 4.0, see Embedded/NOTICE.md). Pixels are scaled to [0, 1] by dividing by 16.
/// </summary>
public static class DigitsDataset
{
    public const string Name = "digits";
    public const int SampleCount = 1797;
    public const int DefaultTestCount = 360;
    public const int MaxPixelValue = 16;
    public static readonly SampleShape Shape = new(1, 8, 8);

    private const string ResourceName = "NeuroChip.Data.Embedded.digits.csv.gz";

    /// <summary>All 1,797 samples, in file order.</summary>
    public static Dataset Load()
    {
        using Stream resource = typeof(DigitsDataset).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from the build.");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return Parse(reader, "embedded digits.csv.gz");
    }

    /// <summary>The default seeded split: 1,437 training and 360 test samples.</summary>
    public static DatasetSplit LoadSplit(int seed) => DatasetSplitter.Split(Load(), DefaultTestCount, seed);

    /// <summary>Parses lines of 64 pixel values (0–16) followed by a label (0–9).</summary>
    internal static Dataset Parse(TextReader reader, string source)
    {
        int size = Shape.Size;
        var features = new List<float>(SampleCount * size);
        var labels = new List<int>(SampleCount);
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length != size + 1)
            {
                throw new UserInputException($"{source} line {lineNumber}: expected {size + 1} comma-separated values (64 pixels and a label), found {fields.Length}.");
            }

            for (int i = 0; i <= size; i++)
            {
                if (!int.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out int value))
                {
                    throw new UserInputException($"{source} line {lineNumber}, field {i + 1}: '{fields[i]}' is not a non-negative integer.");
                }

                if (i < size)
                {
                    if (value > MaxPixelValue)
                    {
                        throw new UserInputException($"{source} line {lineNumber}, field {i + 1}: pixel value {value} exceeds {MaxPixelValue}.");
                    }

                    features.Add(value / (float)MaxPixelValue);
                }
                else
                {
                    labels.Add(value);
                }
            }
        }

        return new Dataset(Name, [.. features], [.. labels], Shape, 10);
    }
}
