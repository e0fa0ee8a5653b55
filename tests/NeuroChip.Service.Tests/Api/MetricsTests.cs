using NeuroChip.Service.Tests.Support;

namespace NeuroChip.Service.Tests.Api;

/// <summary>
/// The metrics listener subscribes to the service's meter by name, process-wide: another server running in this
/// test process at the same time would add its counts. These tests therefore run alone.
/// </summary>
[CollectionDefinition(nameof(ProcessWideMetrics), DisableParallelization = true)]
public sealed class ProcessWideMetrics;

[Collection(nameof(ProcessWideMetrics))]
public sealed class MetricsTests
{
    [Fact]
    public async Task HealthAndMetrics_AfterOneJob_DatabaseCheckedAndCountersExported()
    {
        await using InProcessServer server = await InProcessServer.StartAsync(workers: 1);
        using HttpClient client = server.Client(server.CreateKey("metrics"));
        string id = await (await client.SubmitKindAsync("simulate", example: "two-layer", optionsJson: "{\"ticks\": 30}")).AcceptedIdAsync();
        await client.WaitFinishedAsync(id, TimeSpan.FromMinutes(2));
        using (HttpResponseMessage refused = await client.SubmitKindAsync("simulate", example: "no-such-example"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        JsonElement health = await GetJsonAsync(client, "/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());

        // The runner records a finished job just after its state is committed: read until that line is there.
        string metrics = await client.GetStringAsync("/metrics");
        using (var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while (!metrics.Contains("neurochip_jobs_finished", StringComparison.Ordinal))
            {
                await Task.Delay(20, guard.Token);
                metrics = await client.GetStringAsync("/metrics");
            }
        }

        Assert.Matches(@"neurochip_jobs_accepted(_total)?\{[^}]*kind=""simulate""[^}]*\} 1", metrics);
        Assert.Matches(@"neurochip_requests_rejected(_total)?\{[^}]*reason=""input""[^}]*\} 1", metrics);
        Assert.Matches(@"neurochip_jobs_finished(_total)?\{[^}]*state=""done""[^}]*\} 1", metrics);
        Assert.Contains("neurochip_queue_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }

    private static async Task<System.Text.Json.JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using HttpResponseMessage response = await client.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
    }
}
