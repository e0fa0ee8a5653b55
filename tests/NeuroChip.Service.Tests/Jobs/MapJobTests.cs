using System.Globalization;
using NeuroChip.Mapping;
using NeuroChip.Mapping.Graph;
namespace NeuroChip.Service.Tests.Jobs;

/// <summary>The <c>map</c> kind: a NetworkGraph JSON compiled onto a chip preset behind the API.</summary>
public sealed class MapJobTests : IAsyncLifetime
{
    private static readonly string SmallNetPath = Path.Combine(AppContext.BaseDirectory, "examples", "small-net.json");

    private InProcessServer server = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        server = await InProcessServer.StartAsync(workers: 1, queueCapacity: 16);
        client = server.Client(server.CreateKey("mapper"));
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task MapJob_SmallNet_ImageValidatesWithTheCoreCountOfNeurochipMap()
    {
        byte[] graph = await File.ReadAllBytesAsync(SmallNetPath);
        using HttpResponseMessage submitted = await client.SubmitKindAsync("map", file: ("graph", "small-net.json", graph), optionsJson: "{\"chip\": \"nc-ref\", \"seed\": 3}");
        string id = await submitted.AcceptedIdAsync();
        JsonElement job = await client.WaitFinishedAsync(id, TimeSpan.FromSeconds(60));
        Assert.True(job.GetProperty("state").GetString() == "done", job.ToString());

        ChipImage image = ChipImageJson.Deserialize(Encoding.UTF8.GetString(await client.ArtifactAsync(id, "image.json")), "image.json");
        Assert.Empty(ChipImageValidator.Validate(image));
        // By hand: two neuron populations, if1 (3 neurons, fan-in 4) and if2 (2 neurons, fan-in 3), each far inside one
        // nc-ref core (1,024 neurons), one core each; the input is a host port, not a core.
        Assert.Equal(2, image.Cores.Count);
        // The compile `neurochip map examples/small-net.json --seed 3` runs.
        CompilationResult cli = Compiler.Compile(NetworkGraphJson.Read(SmallNetPath), ChipSpecLoader.LoadPreset("nc-ref"), new CompilerOptions { Placement = new() { Seed = 3 } });
        Assert.Equal(cli.Image.Cores.Count, image.Cores.Count);
        Assert.Equal(cli.Image.Cores.Select(c => c.CoreId), image.Cores.Select(c => c.CoreId));

        JsonElement report = await client.GetReportAsync(id);
        Assert.Equal(5, report.GetProperty("neurons").GetInt64()); // if1 3 + if2 2
        Assert.Equal(2, report.GetProperty("utilisation").GetArrayLength());
        Assert.True(report.GetProperty("routing").GetProperty("routeCheckPassed").GetBoolean());
        Assert.Equal(3, report.GetProperty("placement").GetProperty("seed").GetInt32());
        string html = Encoding.UTF8.GetString(await client.ArtifactAsync(id, "report.html"));
        Assert.Contains("2 of 128 cores", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapJob_GraphTooLargeForTinyChip_422NamingTheCoreLimit()
    {
        byte[] graph = Encoding.UTF8.GetBytes(WideGraph(600));
        using HttpResponseMessage response = await client.SubmitKindAsync("map", file: ("graph", "wide.json", graph), optionsJson: "{\"chip\": \"nc-tiny\"}");
        (int status, string field, string detail) = await response.ReadProblemAsync();
        Assert.Equal(422, status);
        Assert.Equal("graph", field);
        // 600 neurons in slices of at most 64 (nc-tiny's neurons per core) need ⌈600 / 64⌉ = 10 cores; nc-tiny has 2 × 2 tiles × 2 cores = 8.
        Assert.Contains("needs 10 cores but chip 'nc-tiny' has 8", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapJob_BadGraphOrOptions_400NamingTheField()
    {
        using HttpResponseMessage notJson = await client.SubmitKindAsync("map", file: ("graph", "x.json", Encoding.UTF8.GetBytes("{ nope")));
        (int status, string field, _) = await notJson.ReadProblemAsync();
        Assert.Equal((400, "graph"), (status, field));

        byte[] graph = await File.ReadAllBytesAsync(SmallNetPath);
        using HttpResponseMessage bits = await client.SubmitKindAsync("map", file: ("graph", "small-net.json", graph), optionsJson: "{\"weightBits\": 12}");
        (status, field, _) = await bits.ReadProblemAsync();
        Assert.Equal((400, "options.weightBits"), (status, field));

        using HttpResponseMessage none = await client.SubmitKindAsync("map");
        (status, field, _) = await none.ReadProblemAsync();
        Assert.Equal((400, "graph"), (status, field));
    }

    /// <summary>input [4] → affine [width × 4] (all weights 0.5) → IF → output.</summary>
    private static string WideGraph(int width)
    {
        string weights = string.Join(", ", Enumerable.Repeat("0.5", width * 4));
        string bias = string.Join(", ", Enumerable.Repeat("0", width));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "schemaVersion": 1,
              "nodes": [
                { "name": "in", "type": "input", "shape": [4] },
                { "name": "fc", "type": "affine", "weight": { "shape": [{{width}}, 4], "data": [{{weights}}] }, "bias": { "shape": [{{width}}], "data": [{{bias}}] } },
                { "name": "if", "type": "if", "vThreshold": { "shape": [], "data": [1] } },
                { "name": "out", "type": "output", "shape": [{{width}}] }
              ],
              "edges": [
                { "source": "in", "target": "fc" },
                { "source": "fc", "target": "if" },
                { "source": "if", "target": "out" }
              ]
            }
            """);
    }
}
