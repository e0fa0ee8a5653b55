using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

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
    public static T Parse<T>(string text, string what) => Parse<T>(text, Options, what);

    /// <summary>
    /// Deserializes <paramref name="text"/> with <paramref name="options"/>; every format error, including an object
    /// of a polymorphic type that does not name its kind, becomes a <see cref="UserInputException"/> with the JSON path.
    /// </summary>
    public static T Parse<T>(string text, JsonSerializerOptions options, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, options)
                ?? throw new UserInputException($"{what}: the file holds JSON null; expected an object.");
        }
        catch (JsonException e)
        {
            string where = e.Path is null ? "" : $" at {e.Path}";
            string line = e.LineNumber is null ? "" : $" (line {e.LineNumber + 1})";
            throw new UserInputException($"{what}: invalid JSON{where}{line}: {FirstSentence(e.Message)}", e);
        }
        catch (NotSupportedException e) when (MissingKind.Match(e.Message) is { Success: true } m)
        {
            // System.Text.Json reports a missing or misspelled discriminator as NotSupportedException, not JsonException.
            string line = int.TryParse(m.Groups["line"].Value, out int zeroBased) ? $" (line {zeroBased + 1})" : "";
            throw new UserInputException($"{what}: invalid JSON at {m.Groups["path"].Value}{line}: {KindHint(m.Groups["type"].Value, typeof(T))}", e);
        }
        catch (NotSupportedException e)
        {
            // Any other type the serializer cannot build from this text: its message names the type and the JSON path.
            throw new UserInputException($"{what}: invalid JSON: {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> atomically (temp file, then rename).</summary>
    public static void WriteFile<T>(string path, T value)
    {
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, value, Options));
    }

    private static readonly Regex MissingKind = new(
        @"type '(?<type>[^']+)' must specify a type discriminator\. Path: (?<path>\S+) \| LineNumber: (?<line>\d+)",
        RegexOptions.CultureInvariant);

    /// <summary>"the object does not name its kind; add "encoding": one of "sparse", "dense"." from the type's attributes.</summary>
    private static string KindHint(string typeName, Type root)
    {
        Type? type = root.Assembly.GetType(typeName) ?? typeof(Json).Assembly.GetType(typeName);
        string? member = type?.GetCustomAttribute<JsonPolymorphicAttribute>()?.TypeDiscriminatorPropertyName;
        string simpleName = typeName[(typeName.LastIndexOf('.') + 1)..];
        if (type is null || member is null)
        {
            return $"the object does not say which kind of {simpleName} it is.";
        }

        IEnumerable<string> kinds = type.GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => $"\"{a.TypeDiscriminator}\"");
        return $"the object does not say which kind of {simpleName} it is; add \"{member}\": one of {string.Join(", ", kinds)} (its \"{member}\" member is missing or misspelled).";
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
