using System.Diagnostics;
using System.Net;
using System.Text.Json;
using NeuroChip.Service.Keys;
using NeuroChip.Service.Tests.Support;
using Xunit.Abstractions;

namespace NeuroChip.Service.Tests.Load;

/// <summary>
/// Measures submission latency and job throughput with the small two-layer example (60 ticks) on a
/// server with 2 workers: 8 clients submit 200 jobs as fast as they are answered.
/// Run: <c>dotnet test tests/NeuroChip.Service.Tests --filter Category=Slow --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class ThroughputMeasurementTests(ITestOutputHelper output)
{
    private const int Jobs = 200;
    private const int Clients = 8;

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Submit_TwoHundredSmallJobs_PrintsLatencyAndThroughput()
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
        foreach (string id in ids)
        {
            JsonElement job = await client.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));
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
        Assert.True(median > 0 && p95 >= median);
    }
}
