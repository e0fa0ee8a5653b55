using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuroChip.EventSim.Serialization;

/// <summary>The one set of JSON options every NeuroChip file uses: camelCase, strict, enums as strings.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = indented,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Deserializes <paramref name="text"/>, turning every format error into a message with the JSON path.</summary>
    public static T Parse<T>(string text, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Options)
                ?? throw new UserInputException($"{what}: the file holds JSON null; expected an object.");
        }
        catch (JsonException e)
        {
            string where = e.Path is null ? "" : $" at {e.Path}";
            string line = e.LineNumber is null ? "" : $" (line {e.LineNumber + 1})";
            throw new UserInputException($"{what}: invalid JSON{where}{line}: {FirstSentence(e.Message)}", e);
        }
        catch (NotSupportedException e)
        {
            // System.Text.Json reports an object of a polymorphic type without its discriminator this way; its message
            // names the type and the JSON path.
            throw new UserInputException($"{what}: invalid JSON: {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> atomically (temp file, then rename).</summary>
    public static void WriteFile<T>(string path, T value)
    {
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, value, Options));
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
