using System.Text.Json;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Serialization;

namespace NeuroChip.Pipeline.Reports;

/// <summary>Reads and writes report.json and report.html.</summary>
public static class RunReportFiles
{
    public const string JsonName = "report.json";
    public const string HtmlName = "report.html";

    /// <summary>The chip image the run simulated at its largest T (what <c>neurochip simulate</c> reads).</summary>
    public const string ImageName = "image.json";

    public static void WriteJson(string path, RunReport report) => Json.WriteFile(path, report);

    public static void WriteHtml(string path, RunReport report) => AtomicFile.WriteAllText(path, RunReportHtml.Render(report));

    /// <summary>Reads a report.json; refuses files of another schema version with what to do.</summary>
    public static RunReport Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"Report '{path}' does not exist. Pass the report.json that 'neurochip run' wrote.");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"Report '{path}' cannot be read ({e.Message}). Check its permissions.", e);
        }

        if (SchemaVersionOf(text) != RunReport.CurrentSchemaVersion)
        {
            throw new UserInputException(
                $"Report '{path}' is not a run report of schema version {RunReport.CurrentSchemaVersion}; regenerate it with 'neurochip run' of this version.");
        }

        return Json.Parse<RunReport>(text, $"Report '{path}'");
    }

    private static int? SchemaVersionOf(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("schemaVersion", out JsonElement version)
                && version.TryGetInt32(out int value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
