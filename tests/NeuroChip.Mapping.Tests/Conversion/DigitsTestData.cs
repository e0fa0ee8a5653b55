using System.Globalization;
using System.IO.Compression;
namespace NeuroChip.Mapping.Tests.Conversion;

/// <summary>The committed digits split and the MLP trained on it (see TestData/NOTICE.md).</summary>
internal static class DigitsTestData
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Conversion", "TestData");

    public static NetworkGraph Mlp() => OnnxImporter.Import(OnnxModelFile.Read(Path.Combine(Directory, "digits-mlp.onnx")), "digits mlp");

    public static LabelledSamples Train() => Read("digits-train.csv.gz");

    public static LabelledSamples Test() => Read("digits-test.csv.gz");

    /// <summary>Lines of 64 pixel values (0–16) and a label; pixels scaled to [0, 1] by dividing by 16, as the data set loader does.</summary>
    private static LabelledSamples Read(string name)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(Directory, name)), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var features = new List<float>();
        var labels = new List<int>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            int[] values = [.. line.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))];
            Assert.Equal(65, values.Length);
            features.AddRange(values[..64].Select(v => v / 16f));
            labels.Add(values[64]);
        }

        return new LabelledSamples(name, [.. features], [.. labels], 64);
    }
}
