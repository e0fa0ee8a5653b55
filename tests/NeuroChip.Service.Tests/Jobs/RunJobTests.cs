using NeuroChip.Data;
using NeuroChip.Mapping.Import.Onnx;
using NeuroChip.Training;

namespace NeuroChip.Service.Tests.Jobs;

/// <summary>The <c>run</c> kind: the CLI's pipeline behind the API, on the built-in example and on an uploaded ONNX model.</summary>
public sealed class RunJobTests : IAsyncLifetime
{
    private InProcessServer server = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        server = await InProcessServer.StartAsync(workers: 2, queueCapacity: 16);
        client = server.Client(server.CreateKey("runner"));
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task RunJob_BuiltInExample_ReportHasAccuracyPerTAndEnergyAndImageValidates()
    {
        using HttpResponseMessage submitted = await client.SubmitKindAsync("run", example: "digits-mlp", optionsJson: "{\"timesteps\": [8, 16], \"limit\": 20, \"seed\": 1}");
        string id = await submitted.AcceptedIdAsync();
        IReadOnlyList<JsonElement> events = await client.EventsUntilFinishedAsync(id, TimeSpan.FromSeconds(120));
        JsonElement job = await client.WaitFinishedAsync(id, TimeSpan.FromSeconds(10));
        Assert.True(job.GetProperty("state").GetString() == "done", job.ToString());

        // The pipeline's steps reach the client as progress events with their names, in 0..1.
        List<JsonElement> progress = events.Where(e => e.GetProperty("state").GetString() == "running" && e.GetProperty("progress").GetDouble() > 0).ToList();
        Assert.Contains(progress, e => e.GetProperty("message").GetString()!.StartsWith("train", StringComparison.Ordinal));
        Assert.Contains(progress, e => e.GetProperty("message").GetString()!.StartsWith("chip SNN", StringComparison.Ordinal));
        Assert.All(progress, e => Assert.InRange(e.GetProperty("progress").GetDouble(), 0, 1));

        JsonElement report = await client.GetReportAsync(id);
        JsonElement[] accuracy = report.GetProperty("accuracy").EnumerateArray().ToArray();
        Assert.Equal([8, 16], accuracy.Select(a => a.GetProperty("timesteps").GetInt32()));
        foreach (JsonElement row in accuracy)
        {
            Assert.Equal(20, row.GetProperty("samples").GetInt32());
            // Measured with seed 1 on these 20 samples: ANN, float SNN and chip SNN 20/20 at T = 8 and at T = 16. Bounds
            // with a margin of one sample for the ANN and two for the spiking nets, and the chip within one sample of its
            // float twin (the chip only adds weight quantisation to the same spiking net).
            double ann = row.GetProperty("ann").GetDouble(), floatSnn = row.GetProperty("floatSnn").GetDouble(), chipSnn = row.GetProperty("chipSnn").GetDouble();
            Assert.InRange(ann, 19 / 20.0, 1.0);
            Assert.InRange(floatSnn, 18 / 20.0, 1.0);
            Assert.InRange(chipSnn, 18 / 20.0, 1.0);
            Assert.InRange(chipSnn - floatSnn, -1 / 20.0 - 1e-9, 1 / 20.0 + 1e-9);
        }

        JsonElement[] perT = report.GetProperty("perTimestep").EnumerateArray().ToArray();
        Assert.Equal(2, perT.Length);
        Assert.All(perT, w => Assert.True(w.GetProperty("energyPerInferencePj").GetDouble() > 0));
        Assert.Equal(20, report.GetProperty("settings").GetProperty("testSamples").GetInt32());

        string[] artifacts = job.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToArray();
        Assert.Contains("report.html", artifacts);
        Assert.Contains("model.onnx", artifacts);
        byte[] imageBytes = await client.ArtifactAsync(id, "image.json");
        ChipImage image = ChipImageJson.Deserialize(Encoding.UTF8.GetString(imageBytes), "image.json");
        Assert.Empty(ChipImageValidator.Validate(image));
        Assert.Equal(report.GetProperty("model").GetProperty("coresUsed").GetInt32(), image.Cores.Count);
        Assert.Equal(report.GetProperty("model").GetProperty("chipNeurons").GetInt64(), image.Cores.Sum(c => (long)c.Neurons.Count));
        string html = Encoding.UTF8.GetString(await client.ArtifactAsync(id, "report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RunJob_UploadedOnnxFromReferenceExport_CompletesWithTheModelsAnnAccuracy()
    {
        DatasetSplit split = DatasetCatalog.Load("digits", seed: 1);
        var network = ReferenceNetwork.Create(NetworkSpec.Mlp(split.Train.Shape, split.Train.ClassCount, 32), seed: 5);
        byte[] onnx = OnnxModelFile.ToBytes(OnnxExport.ToOnnx(network));
        // Independent of the service: the reference network's own forward pass on the same 12 test samples.
        double expectedAnn = network.Evaluate(split.Test.Take(12));

        using HttpResponseMessage submitted = await client.SubmitKindAsync("run", file: ("model", "mlp32.onnx", onnx), optionsJson: "{\"timesteps\": [8], \"limit\": 12, \"conversion\": \"shift\"}");
        string id = await submitted.AcceptedIdAsync();
        JsonElement job = await client.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));
        Assert.True(job.GetProperty("state").GetString() == "done", job.ToString());

        JsonElement report = await client.GetReportAsync(id);
        Assert.Equal("mlp32.onnx", report.GetProperty("settings").GetProperty("modelSource").GetString());
        Assert.Equal("shift", report.GetProperty("settings").GetProperty("conversion").GetString());
        JsonElement row = report.GetProperty("accuracy").EnumerateArray().Single();
        Assert.Equal(8, row.GetProperty("timesteps").GetInt32());
        Assert.Equal(expectedAnn, row.GetProperty("ann").GetDouble(), 9);
        string[] artifacts = job.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["image.json", "report.html", "report.json"], artifacts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunJob_MalformedOnnx_400NamingModel()
    {
        using HttpResponseMessage response = await client.SubmitKindAsync("run", file: ("model", "broken.onnx", Encoding.ASCII.GetBytes("not an onnx model at all")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (int status, string field, string detail) = await response.ReadProblemAsync();
        Assert.Equal(400, status);
        Assert.Equal("model", field);
        Assert.Contains("broken.onnx", detail, StringComparison.Ordinal);
        Assert.Contains("ONNX", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunJob_UnsupportedOperator_422WithTheImportersMessage()
    {
        DatasetSplit split = DatasetCatalog.Load("digits", seed: 1);
        var network = ReferenceNetwork.Create(NetworkSpec.Mlp(split.Train.Shape, split.Train.ClassCount, 16), seed: 2);
        byte[] onnx = OnnxModelFile.ToBytes(OnnxExport.ToOnnx(network));
        // Same length, so the protobuf stays well formed: the exporter's "Relu" nodes become an operator nobody defines.
        byte[] renamed = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(onnx).Replace("Relu", "Relq", StringComparison.Ordinal));
        Assert.NotEqual(onnx, renamed);

        using HttpResponseMessage response = await client.SubmitKindAsync("run", file: ("model", "odd.onnx", renamed));
        (int status, string field, string detail) = await response.ReadProblemAsync();
        Assert.Equal(422, status);
        Assert.Equal("model", field);
        Assert.Contains("Relq", detail, StringComparison.Ordinal);
        Assert.Contains("not supported", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunJob_ModelTooLargeForChip_422WithTheCompilersMessage()
    {
        DatasetSplit split = DatasetCatalog.Load("digits", seed: 1);
        // Each of the 10 output neurons listens to all 600 hidden neurons: 600 input axons, while an nc-tiny core
        // accepts at most 256 (its preset's maxFanInAxons), so not even one output neuron fits a core.
        var network = ReferenceNetwork.Create(NetworkSpec.Mlp(split.Train.Shape, split.Train.ClassCount, 600), seed: 2);
        byte[] onnx = OnnxModelFile.ToBytes(OnnxExport.ToOnnx(network));

        using HttpResponseMessage response = await client.SubmitKindAsync("run", file: ("model", "wide.onnx", onnx), optionsJson: "{\"chip\": \"nc-tiny\", \"timesteps\": [8], \"limit\": 5}");
        (int status, string field, string detail) = await response.ReadProblemAsync();
        Assert.Equal(422, status);
        Assert.Equal("model", field);
        Assert.Contains("does not fit chip 'nc-tiny'", detail, StringComparison.Ordinal);
        Assert.Contains("fan-in axons = 600 exceed the core limit 256", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunJob_OverKeyLimits_422NamingTheLimitAndField()
    {
        using HttpClient limited = server.Client(server.CreateKey("small", new KeyLimits { MaxNeurons = 100, MaxTicks = 1000 }));

        // Ticks: Σ T = 8 + 16 + 32 = 56, × (50 test samples + 1 timed sample) = 2,856 > 1,000.
        using HttpResponseMessage ticks = await limited.SubmitKindAsync("run", example: "digits-mlp", optionsJson: "{\"limit\": 50}");
        (int status, string field, string detail) = await ticks.ReadProblemAsync();
        Assert.Equal(422, status);
        Assert.Equal("options.limit", field);
        Assert.Contains("2,856 ticks", detail, StringComparison.Ordinal);

        // Neurons: the example's MLP has 64 input encoders + 128 hidden + 10 output neurons = 202 > 100 after mapping.
        using HttpResponseMessage neurons = await limited.SubmitKindAsync("run", example: "digits-mlp", optionsJson: "{\"timesteps\": [8], \"limit\": 5}");
        (status, field, detail) = await neurons.ReadProblemAsync();
        Assert.Equal(422, status);
        Assert.Equal("example", field);
        Assert.Contains("202 neurons", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunJob_BadOptions_400NamingTheOption()
    {
        (string Options, string Field)[] cases =
        [
            ("{\"conversion\": \"magic\"}", "options.conversion"),
            ("{\"chip\": \"/etc/passwd\"}", "options.chip"),
            ("{\"dataset\": \"cifar\"}", "options.dataset"),
            ("{\"timesteps\": [8, 0]}", "options.timesteps[1]"),
            ("{\"threads\": 64}", "options.threads"),
            ("{\"timesteps\": \"eight\"}", "options.timesteps"),
        ];
        foreach ((string options, string expected) in cases)
        {
            using HttpResponseMessage response = await client.SubmitKindAsync("run", example: "digits-mlp", optionsJson: options);
            (int status, string field, _) = await response.ReadProblemAsync();
            Assert.True(status == 400 && field == expected, $"{options}: {status} {field}");
        }
    }
}
