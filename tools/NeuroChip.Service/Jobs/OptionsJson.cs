using System.Text.Json;
using NeuroChip.EventSim.Serialization;

namespace NeuroChip.Service.Jobs;

/// <summary>Reads a job's <c>options</c> form field into its options record; JSON errors name the offending path (<c>options.timesteps[1]</c>).</summary>
internal static class OptionsJson
{
    public static T Parse<T>(string? text, string exampleJson)
        where T : new()
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, Json.Options)
                ?? throw new JobInputException("options", $"The options are JSON null; send an object such as {exampleJson}.");
        }
        catch (JsonException e)
        {
            string path = e.Path is null or "$" ? "options" : "options" + e.Path.TrimStart('$');
            string message = e.Message;
            int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            throw new JobInputException(path, $"Invalid options at {path}: {(cut > 0 ? message[..cut] : message)}");
        }
    }

    /// <summary>A chip preset by name; the service never reads chip files from its own disk.</summary>
    public static NeuroChip.EventSim.Model.ChipSpec Chip(string? name, string field)
    {
        string wanted = string.IsNullOrWhiteSpace(name) ? "nc-ref" : name;
        if (!NeuroChip.EventSim.Model.ChipSpecLoader.PresetNames.Contains(wanted))
        {
            throw new JobInputException(field, $"{field} = '{wanted}': not a chip preset. Presets: {string.Join(", ", NeuroChip.EventSim.Model.ChipSpecLoader.PresetNames)} (chip spec files are not accepted by the service).");
        }

        return NeuroChip.EventSim.Model.ChipSpecLoader.LoadPreset(wanted);
    }
}
