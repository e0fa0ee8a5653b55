using System.Text.Json;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Serialization;

namespace NeuroChip.Mapping.Graph;

/// <summary>
/// The JSON form of a <see cref="NetworkGraph"/> (schema-versioned):
/// <code>
/// { "schemaVersion": 1, "timeStep": 1,
///   "nodes": [ { "type": "input", "name": "in", "shape": [4] },
///              { "type": "affine", "name": "fc", "weight": { "shape": [2, 4], "data": [...] }, "bias": { "shape": [2], "data": [0, 0] } },
///              { "type": "if", "name": "hidden", "vThreshold": { "shape": [], "data": [1] } },
///              { "type": "output", "name": "out" } ],
///   "edges": [ { "source": "in", "target": "fc" }, ... ] }
/// </code>
/// Reading also checks shapes, so a graph that loads is a graph that compiles as far as shapes go.
/// </summary>
public static class NetworkGraphJson
{
    public static string Serialize(NetworkGraph graph) => JsonSerializer.Serialize(graph, Json.Options);

    public static NetworkGraph Parse(string json, string source)
    {
        using (JsonDocument document = ParseDocument(json, source))
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schemaVersion", out JsonElement version) || version.ValueKind != JsonValueKind.Number)
            {
                throw new UserInputException($"Network graph '{source}': missing \"schemaVersion\"; is this a NeuroChip network graph?");
            }

            if (!version.TryGetInt32(out int v) || v != NetworkGraph.CurrentSchemaVersion)
            {
                throw new UserInputException($"Network graph '{source}': schemaVersion {version} is not supported; this NeuroChip reads version {NetworkGraph.CurrentSchemaVersion}.");
            }
        }

        NetworkGraph graph = Deserialize(json, source);
        int nullNode = graph.Nodes.ToList().IndexOf(null!), nullEdge = graph.Edges.ToList().IndexOf(null!);
        if (nullNode >= 0 || nullEdge >= 0)
        {
            // JSON null inside a list passes the serializer; refuse it here rather than crash on it later.
            string at = nullNode >= 0 ? $"$.nodes[{nullNode}]" : $"$.edges[{nullEdge}]";
            throw new UserInputException($"Network graph '{source}': {at} is null; expected an object.");
        }

        try
        {
            ShapeInference.Infer(graph);
        }
        catch (UserInputException e)
        {
            throw new UserInputException($"Network graph '{source}': {e.Message}", e);
        }

        return graph;
    }

    public static NetworkGraph Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"Network graph '{path}' does not exist.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static void Write(string path, NetworkGraph graph) => Json.WriteFile(path, graph);

    /// <summary>The shared options, except that a node's "type" may appear anywhere in its object.</summary>
    private static readonly JsonSerializerOptions ReadOptions = new(Json.Options) { AllowOutOfOrderMetadataProperties = true };

    private static NetworkGraph Deserialize(string json, string source) =>
        Json.Parse<NetworkGraph>(json, ReadOptions, $"Network graph '{source}'");

    private static JsonDocument ParseDocument(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new UserInputException($"Network graph '{source}': not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }
}
