using System.Diagnostics;
using Xunit.Abstractions;

namespace NeuroChip.Service.Tests.Load;

/// <summary>
/// 8 clients submit 200 small two-layer jobs (60 ticks) to a server with 2 workers as fast as they are answered: every
/// one is accepted with its own id and finishes with the hand-counted report. The test also prints submission latency
/// and throughput for the README; those figures are printed, never asserted (speed is not a test's business).
/// Run: <c>dotnet test tests/NeuroChip.Service.Tests --filter Category=Slow --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class ThroughputMeasurementTests(ITestOutputHelper output)
{
    private const int Jobs = 200;
    private const int Clients = 8;

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Submit_TwoHundredSmallJobsConcurrently_AllAcceptedAndDoneWithHandCountedReports()
    {
        await using InProcessServer server = await InProcessServer.StartAsync(workers: 2, queueCapacity: 512);
        using HttpClient client = server.Client(server.CreateKey("load", new KeyLimits { MaxConcurrentJobs = Jobs }));
        await client.SubmitAcceptedAsync("two-layer", "{\"ticks\": 60}"); // warm-up: JIT of the request path and the engine

        var latenciesMs = new double[Jobs];
        var ids = new string[Jobs];
        int next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Jobs)
            {
                long start = Stopwatch.GetTimestamp();
                using HttpResponseMessage response = await client.SubmitExampleAsync("two-layer", "{\"ticks\": 60}");
                latenciesMs[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                ids[i] = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            }
        }));
        double submitSeconds = total.Elapsed.TotalSeconds;
        Assert.Equal(Jobs, ids.Distinct().Count());
        foreach (string id in ids)
        {
            JsonElement job = await client.WaitFinishedAsync(id);
            Assert.Equal("done", job.GetProperty("state").GetString());
        }

        double allSeconds = total.Elapsed.TotalSeconds;
        double[] sorted = latenciesMs.Order().ToArray();
        double median = sorted[Jobs / 2];
        double p95 = sorted[(int)Math.Ceiling(0.95 * Jobs) - 1];
        output.WriteLine($"{Jobs} jobs (two-layer, 60 ticks), {Clients} concurrent clients, 2 workers");
        output.WriteLine($"submission latency: median {median:F1} ms, p95 {p95:F1} ms, max {sorted[^1]:F1} ms");
        output.WriteLine($"submissions: {Jobs / submitSeconds:F0} requests/s");
        output.WriteLine($"throughput: {Jobs / allSeconds * 60:F0} jobs/min ({allSeconds:F2} s from first submission to last job done)");

        // Every job ran the same 60 ticks (hand count in TwoLayerExpectation): on core 0 channel 2's neuron fires every tick
        // (60) and the other three fire at t ≡ 0 (20 times) and t ≡ 1 from t = 4 (19 times), 60 + 3·39 = 177 spikes;
        // input spikes delivered there are 60 + 3·20 = 120 synaptic ops.
        Assert.Equal((177, 120), (TwoLayerExpectation.Layer1Spikes(60), TwoLayerExpectation.Layer1SynapticOps(60)));
        foreach (string id in ids)
        {
            JsonElement report = await client.GetReportAsync(id);
            Assert.Equal(177, report.Core(0).GetProperty("spikes").GetInt64());
            Assert.Equal(120, report.Core(0).GetProperty("synapticOps").GetInt64());
            Assert.Equal(TwoLayerExpectation.Layer2SynapticOps(60), report.Core(5).GetProperty("synapticOps").GetInt64());
        }
    }
}
