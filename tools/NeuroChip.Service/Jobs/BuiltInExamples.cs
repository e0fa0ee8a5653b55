namespace NeuroChip.Service.Jobs;

/// <summary>A chip image shipped inside the service, runnable by name without an upload.</summary>
internal sealed record BuiltInExample(string Name, string Description, string ImageFileName, byte[] Image, string? InputJson, int DefaultTicks);

/// <summary>The built-in examples: the repository's <c>examples/</c> images, embedded at build time.</summary>
internal static class BuiltInExamples
{
    private static readonly Lazy<IReadOnlyDictionary<string, BuiltInExample>> Examples = new(Load);

    public static IEnumerable<BuiltInExample> All => Examples.Value.Values;

    public static BuiltInExample? Find(string name) => Examples.Value.GetValueOrDefault(name);

    private static Dictionary<string, BuiltInExample> Load() => new(StringComparer.Ordinal)
    {
        ["two-layer"] = new BuiltInExample(
            "two-layer",
            "Four integrate-and-fire neurons (core 0) driving two leaky neurons (core 5) on nc-tiny; input 'in' spikes channel 2 every tick and the others every third tick.",
            "image.json",
            Resource("two-layer.json"),
            System.Text.Encoding.UTF8.GetString(Resource("two-layer-input.json")),
            60),
    };

    private static byte[] Resource(string name)
    {
        using Stream stream = typeof(BuiltInExamples).Assembly.GetManifestResourceStream($"NeuroChip.Service.Examples.{name}")
            ?? throw new InvalidOperationException($"The service assembly lacks the embedded example '{name}'; rebuild it from the repository.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
