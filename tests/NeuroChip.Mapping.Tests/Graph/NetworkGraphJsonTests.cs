using NeuroChip.Tests.Shared;

namespace NeuroChip.Mapping.Tests.Graph;

public sealed class NetworkGraphJsonTests
{
    public static TheoryData<string> GraphNames => ["dense", "convPool", "recurrent"];

    [Theory]
    [MemberData(nameof(GraphNames))]
    public void Serialize_ThenParse_EveryFieldOfEveryNodeIsEqual(string name)
    {
        NetworkGraph graph = name switch
        {
            "dense" => Graphs.Dense(3),
            "convPool" => Graphs.ConvPool(3),
            _ => Graphs.Recurrent(3),
        };
        NetworkGraph read = NetworkGraphJson.Parse(NetworkGraphJson.Serialize(graph), "test");
        FieldComparer.AssertEqual(graph, read);
    }

    [Fact]
    public void FieldComparer_ConvWeightChanged_NamesTheField()
    {
        // The comparer must see a changed field inside a node's parameter and name its path.
        NetworkGraph graph = Graphs.ConvPool(3);
        NetworkGraph read = NetworkGraphJson.Parse(NetworkGraphJson.Serialize(graph), "test");
        ((Conv2dNode)read.Nodes[1]).Weight.Data[4] += 1f;
        Assert.StartsWith("$.Nodes[1].Weight.Data[4]: ", FieldComparer.FirstDifference(graph, read));
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
    public void Parse_NodeWithoutType_IsAUserError()
    {
        // Regression (found by NetworkGraphMutationPropertyTests): a node without "type" made System.Text.Json throw
        // NotSupportedException, which escaped the parser as a crash instead of a user error.
        const string json = """{ "schemaVersion": 1, "nodes": [ { "name": "in", "shape": [2] } ], "edges": [] }""";
        var e = Assert.Throws<UserInputException>(() => NetworkGraphJson.Parse(json, "untyped.json"));
        Assert.Contains("untyped.json", e.Message);
        Assert.Contains("does not say which kind", e.Message);
    }

    [Fact]
    public void Parse_NullEdge_IsAUserErrorWithThePath()
    {
        // Regression (found by NetworkGraphMutationPropertyTests): null inside the edge list crashed shape inference
        // with NullReferenceException.
        const string json = """{ "schemaVersion": 1, "nodes": [ { "name": "in", "type": "input", "shape": [2] } ], "edges": [ null ] }""";
        var e = Assert.Throws<UserInputException>(() => NetworkGraphJson.Parse(json, "nulls.json"));
        Assert.Equal("Network graph 'nulls.json': $.edges[0] is null; expected an object.", e.Message);
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
