using NeuroChip.EventSim;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Tests.Support;

namespace NeuroChip.Mapping.Tests.Graph;

public sealed class NetworkGraphJsonTests
{
    [Fact]
    public void Serialize_ThenParse_RoundTripsEveryNodeKind()
    {
        NetworkGraph graph = Graphs.ConvPool(3);
        NetworkGraph read = NetworkGraphJson.Parse(NetworkGraphJson.Serialize(graph), "test");
        Assert.Equal(graph.Nodes.Select(n => (n.Name, n.Kind)), read.Nodes.Select(n => (n.Name, n.Kind)));
        Assert.Equal(((Conv2dNode)graph.Nodes[1]).Weight.Data, ((Conv2dNode)read.Nodes[1]).Weight.Data);
        Assert.Equal(graph.Edges, read.Edges);
    }

    [Fact]
    public void Parse_NodeWithoutType_RaisesUserErrorWithTheNodesPath()
    {
        // Found by fuzzing (networkgraph): a node object without "type" escaped as System.Text.Json's NotSupportedException.
        const string json = """
            { "schemaVersion": 1,
              "nodes": [ { "type": "input", "name": "in", "shape": [2] },
                         { "name": "n", "vThreshold": { "shape": [], "data": [1] } } ],
              "edges": [ { "source": "in", "target": "n" } ] }
            """;
        var e = Assert.Throws<UserInputException>(() => NetworkGraphJson.Parse(json, "untyped.json"));
        Assert.StartsWith("Network graph 'untyped.json': invalid JSON at $.nodes[1] (line 3): the object does not say which kind of GraphNode it is; add \"type\": one of \"input\", \"output\", \"affine\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TypeAfterOtherFields_Accepted()
    {
        const string json = """
            { "schemaVersion": 1,
              "nodes": [ { "name": "in", "type": "input", "shape": [2] },
                         { "name": "n", "type": "if", "vThreshold": { "shape": [], "data": [1] } } ],
              "edges": [ { "source": "in", "target": "n" } ] }
            """;
        NetworkGraph graph = NetworkGraphJson.Parse(json, "inline");
        Assert.IsType<IfNode>(graph.Nodes[1]);
    }

    [Fact]
    public void Parse_MalformedJson_SaysWhereAndWhat()
    {
        var e = Assert.Throws<UserInputException>(() => NetworkGraphJson.Parse("{ \"schemaVersion\": 1, \"nodes\": [ { \"type\": \"input\" ", "bad.json"));
        Assert.Contains("bad.json", e.Message);
        Assert.Contains("not valid JSON", e.Message);
    }

    [Fact]
    public void Parse_UnknownField_NamesPath()
    {
        const string json = """{ "schemaVersion": 1, "nodes": [ { "type": "input", "name": "in", "shape": [2], "shap": 1 } ], "edges": [] }""";
        var e = Assert.Throws<UserInputException>(() => NetworkGraphJson.Parse(json, "typo.json"));
        Assert.Contains("typo.json", e.Message);
        Assert.Contains("shap", e.Message);
    }

    [Fact]
    public void Parse_WrongSchemaVersion_Refused()
    {
        var e = Assert.Throws<UserInputException>(() => NetworkGraphJson.Parse("""{ "schemaVersion": 9, "nodes": [], "edges": [] }""", "v9.json"));
        Assert.Contains("schemaVersion 9", e.Message);
    }

    [Fact]
    public void Parse_ShapeMismatch_ReportedWithFileName()
    {
        const string json = """
            { "schemaVersion": 1,
              "nodes": [ { "type": "input", "name": "in", "shape": [3] },
                         { "type": "linear", "name": "fc", "weight": { "shape": [2, 4], "data": [0,0,0,0,0,0,0,0] } },
                         { "type": "if", "name": "n", "vThreshold": { "shape": [], "data": [1] } } ],
              "edges": [ { "source": "in", "target": "fc" }, { "source": "fc", "target": "n" } ] }
            """;
        var e = Assert.Throws<UserInputException>(() => NetworkGraphJson.Parse(json, "mismatch.json"));
        Assert.Contains("mismatch.json", e.Message);
        Assert.Contains("Node 'fc' (linear)", e.Message);
    }
}
