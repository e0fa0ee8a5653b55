using System.Reflection;
using NeuroChip.EventSim.Serialization;

namespace NeuroChip.EventSim.Model;

/// <summary>Loads chip specifications from JSON files or shipped presets and validates every field.</summary>
public static class ChipSpecLoader
{
    private const string PresetPrefix = "NeuroChip.EventSim.Presets.";

    /// <summary>Names of the presets shipped with NeuroChip.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = typeof(ChipSpecLoader).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(PresetPrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[PresetPrefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Loads a preset by name (e.g. <c>nc-ref</c>) or a JSON file by path.</summary>
    public static ChipSpec Load(string presetOrPath)
    {
        if (PresetNames.Contains(presetOrPath))
        {
            return LoadPreset(presetOrPath);
        }

        if (File.Exists(presetOrPath))
        {
            return Parse(File.ReadAllText(presetOrPath), presetOrPath);
        }

        throw new UserInputException(
            $"Unknown chip '{presetOrPath}': it is neither a preset ({string.Join(", ", PresetNames)}) nor an existing JSON file.");
    }

    public static ChipSpec LoadPreset(string name)
    {
        using Stream? stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(PresetPrefix + name + ".json");
        if (stream is null)
        {
            throw new UserInputException($"Unknown chip preset '{name}'. Presets: {string.Join(", ", PresetNames)}.");
        }

        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"preset {name}");
    }

    /// <summary>Parses and validates; throws <see cref="UserInputException"/> listing every bad field.</summary>
    public static ChipSpec Parse(string json, string source)
    {
        ChipSpec spec = Json.Parse<ChipSpec>(json, $"Chip spec '{source}'");
        IReadOnlyList<string> errors = ChipSpecValidator.Validate(spec);
        if (errors.Count > 0)
        {
            throw new UserInputException($"Chip spec '{source}' is invalid:\n  " + string.Join("\n  ", errors));
        }

        return spec;
    }
}
