using System.Text.Json;
using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Serialization;

/// <summary>The readable form of a <see cref="ChipImage"/>: schema-versioned JSON.</summary>
public static class ChipImageJson
{
    public static string Serialize(ChipImage image) => JsonSerializer.Serialize(image, Json.Options);

    public static ChipImage Deserialize(string json, string source)
    {
        using (JsonDocument document = ParseDocument(json, source))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("schemaVersion", out JsonElement version)
                || version.ValueKind != JsonValueKind.Number)
            {
                throw new UserInputException($"Chip image '{source}': missing \"schemaVersion\"; is this a NeuroChip image?");
            }

            if (!version.TryGetInt32(out int v) || !ChipImage.IsReadable(v))
            {
                throw new UserInputException(
                    $"Chip image '{source}': schemaVersion {version} is not supported; this NeuroChip reads versions {ChipImage.OldestReadableSchemaVersion}–{ChipImage.CurrentSchemaVersion}. Recompile the network with this version.");
            }
        }

        ChipImage image = Json.Parse<ChipImage>(json, $"Chip image '{source}'");
        RejectNullElements(image, source);
        return image with { SchemaVersion = ChipImage.CurrentSchemaVersion };
    }

    /// <summary>JSON null inside a list (which the serializer lets through) is a format error, not a missing object to crash on later.</summary>
    private static void RejectNullElements(ChipImage image, string source)
    {
        string? at = FirstNull("cores", image.Cores) ?? FirstNull("spikeInputs", image.SpikeInputs)
            ?? FirstNull("currentInputs", image.CurrentInputs) ?? FirstNull("readouts", image.Readouts);
        for (int c = 0; at is null && c < image.Cores.Count; c++)
        {
            at = FirstNull($"cores[{c}].profiles", image.Cores[c].Profiles) ?? FirstNull($"cores[{c}].axons", image.Cores[c].Axons);
        }

        if (at is not null)
        {
            throw new UserInputException($"Chip image '{source}': $.{at} is null; expected an object.");
        }
    }

    private static string? FirstNull<T>(string path, IReadOnlyList<T> items)
        where T : class
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                return $"{path}[{i}]";
            }
        }

        return null;
    }

    private static JsonDocument ParseDocument(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new UserInputException($"Chip image '{source}': not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }
}
