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

        return Json.Parse<ChipImage>(json, $"Chip image '{source}'") with { SchemaVersion = ChipImage.CurrentSchemaVersion };
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
