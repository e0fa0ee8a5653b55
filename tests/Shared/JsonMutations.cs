using System.Text.Json.Nodes;

namespace NeuroChip.Tests.Shared;

/// <summary>
/// One random mutation of a valid JSON file, as a user's editor or a broken disk might make it: a byte-level edit
/// (replace, delete or insert a character, truncate, duplicate a span) or a field-level edit (replace any value with
/// one of many awkward values, remove a property, add an unknown one, empty or grow an array). The same seed gives the
/// same mutation, and <see cref="Describe"/> says which, so a failing case can be replayed.
/// </summary>
internal static class JsonMutations
{
    private static readonly string[] Replacements =
    [
        "0", "-1", "1", "2147483647", "-2147483648", "2147483648", "9223372036854775807", "1e308", "-1e308", "1.5", "-0.0",
        "\"NaN\"", "\"Infinity\"", "\"\"", "\"x\"", "null", "true", "false", "[]", "{}", "[1, 2, 3]", "[-1]", "[null]",
        "{\"a\": 1}", "65536", "32768", "-32769", "1000000000", "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]",
    ];

    private const string Characters = "{}[],:\"0123456789-.eE aZnt\\";

    public static string Mutate(string json, int seed) => Apply(json, seed).Json;

    public static string Describe(string json, int seed) => Apply(json, seed).What;

    private static (string Json, string What) Apply(string json, int seed)
    {
        var random = new Random(seed);
        return random.Next(10) < 4 ? ByteEdit(json, random) : FieldEdit(json, random);
    }

    private static (string, string) ByteEdit(string json, Random random)
    {
        int at = random.Next(json.Length);
        char c = Characters[random.Next(Characters.Length)];
        switch (random.Next(5))
        {
            case 0:
                return (json[..at] + c + json[(at + 1)..], $"character {at} replaced by '{c}'");
            case 1:
                return (json[..at] + json[(at + 1)..], $"character {at} deleted");
            case 2:
                return (json[..at] + c + json[at..], $"'{c}' inserted at {at}");
            case 3:
                return (json[..at], $"truncated to {at} characters");
            default:
                int length = random.Next(1, Math.Min(40, json.Length - at) + 1);
                return (string.Concat(json.AsSpan(0, at + length), json.AsSpan(at)), $"characters {at}..{at + length} duplicated");
        }
    }

    private static (string, string) FieldEdit(string json, Random random)
    {
        JsonNode root = JsonNode.Parse(json)!;
        var nodes = new List<(JsonNode? Node, JsonNode Parent, string? Property, int Index)>();
        Collect(root, nodes);
        (JsonNode? node, JsonNode parent, string? property, int index) = nodes[random.Next(nodes.Count)];
        string where = node?.GetPath() ?? $"{parent.GetPath()}.{property ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        string replacement = Replacements[random.Next(Replacements.Length)];
        string what;
        switch (random.Next(6))
        {
            case 0 when property is not null:
                ((JsonObject)parent).Remove(property);
                what = $"{where} removed";
                break;
            case 1 when node is JsonArray array:
                if (array.Count > 0 && random.Next(2) == 0)
                {
                    array.RemoveAt(random.Next(array.Count));
                    what = $"{where}: one element removed";
                }
                else
                {
                    array.Add(JsonNode.Parse(replacement));
                    what = $"{where}: {replacement} appended";
                }

                break;
            case 2 when node is JsonObject obj:
                obj["unexpectedField"] = JsonNode.Parse(replacement);
                what = $"{where}: unknown field added";
                break;
            default:
                JsonNode? value = JsonNode.Parse(replacement);
                if (property is not null)
                {
                    ((JsonObject)parent)[property] = value;
                }
                else
                {
                    ((JsonArray)parent)[index] = value;
                }

                what = $"{where} = {replacement}";
                break;
        }

        return (root.ToJsonString(), what);
    }

    private static void Collect(JsonNode node, List<(JsonNode?, JsonNode, string?, int)> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach ((string name, JsonNode? child) in obj.ToList())
                {
                    into.Add((child, obj, name, -1));
                    if (child is not null)
                    {
                        Collect(child, into);
                    }
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    into.Add((array[i], array, null, i));
                    if (array[i] is { } child)
                    {
                        Collect(child, into);
                    }
                }

                break;
        }
    }
}
