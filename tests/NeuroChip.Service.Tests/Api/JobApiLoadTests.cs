namespace NeuroChip.Service.Tests.Api;

public sealed class JobApiLoadTests
{
    [Fact]
    public async Task Submit_FiftyJobsFromFiveKeysOnTwoWorkers_AllDoneWithHandCountedReports()
    {
        await using InProcessServer server = await InProcessServer.StartAsync(workers: 2, queueCapacity: 64);
        var limits = new KeyLimits { MaxConcurrentJobs = 20 };
        HttpClient[] clients = Enumerable.Range(0, 5).Select(k => server.Client(server.CreateKey($"team-{k}", limits))).ToArray();

        // Job i runs the two-layer example for T = 11 + i ticks (11..60), so every report differs.
        int[] ticks = Enumerable.Range(0, 50).Select(i => 11 + i).ToArray();
        string[] ids = await Task.WhenAll(ticks.Select((t, i) => clients[i % 5].SubmitAcceptedAsync("two-layer", $"{{\"ticks\": {t}}}")));

        JsonElement[] finished = await Task.WhenAll(ids.Select((id, i) => clients[i % 5].WaitFinishedAsync(id)));
        Assert.All(finished, job => Assert.Equal("done", job.GetProperty("state").GetString()));

        for (int i = 0; i < ids.Length; i++)
        {
            JsonElement report = await clients[i % 5].GetReportAsync(ids[i]);
            int t = ticks[i];
            Assert.Equal(t, report.GetProperty("ticks").GetInt32());
            Assert.Equal(TwoLayerExpectation.Layer1Spikes(t), report.Core(0).GetProperty("spikes").GetInt64());
            Assert.Equal(TwoLayerExpectation.Layer1SynapticOps(t), report.Core(0).GetProperty("synapticOps").GetInt64());
            Assert.Equal(TwoLayerExpectation.Layer2SynapticOps(t), report.Core(5).GetProperty("synapticOps").GetInt64());
        }

        // Each key lists exactly its own ten jobs.
        for (int k = 0; k < 5; k++)
        {
            JsonElement list = JsonDocument.Parse(await clients[k].GetStringAsync("/v1/jobs?limit=100")).RootElement;
            string[] listed = list.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()!).Order().ToArray();
            Assert.Equal(ids.Where((_, i) => i % 5 == k).Order().ToArray(), listed);
        }
    }

    [Fact]
    public async Task Submit_QueueFull_429WithRetryAfterAndServerKeepsServing()
    {
        await using InProcessServer server = await InProcessServer.StartAsync(workers: 1, queueCapacity: 2);
        using HttpClient client = server.Client(server.CreateKey("busy", new KeyLimits { MaxTicks = 2_000_000, MaxConcurrentJobs = 50 }));
        byte[] slow = TestImages.BiasClock(cores: 8, neuronsPerCore: 1024);

        // Event, not clock: the first job (two million ticks of 8,192 neurons, stopped by its cancel below) is submitted
        // and seen running, so the single worker is busy and the queue is empty. Then the queue's two places fill and the
        // next submission must be refused: exactly 1 + 2 accepted.
        var accepted = new List<string>();
        using (HttpResponseMessage first = await client.SubmitImageAsync(slow, "clock.json", "{\"ticks\": 2000000}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            accepted.Add(JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
        }

        Assert.Equal("running", (await client.WaitForStateAsync(accepted[0], "running")).GetProperty("state").GetString());
        HttpResponseMessage? refused = null;
        for (int i = 0; i < 4 && refused is null; i++)
        {
            HttpResponseMessage response = await client.SubmitImageAsync(slow, "clock.json", "{\"ticks\": 2000000}");
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                accepted.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        // On failure, say what the accepted jobs were doing (a job that ended early frees the worker for the next).
        async Task<string> Jobs() => string.Join("; ", await Task.WhenAll(accepted.Select(async id => (await client.GetJobAsync(id)).GetRawText())));
        Assert.True(refused is not null, $"no submission was refused; accepted: {await Jobs()}");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        (int status, string field, string detail) = await refused.ReadProblemAsync();
        Assert.Equal(429, status);
        Assert.Equal("queue", field);
        Assert.Contains("queue is full", detail, StringComparison.Ordinal);
        Assert.True(accepted.Count == 3, $"{accepted.Count} accepted: {await Jobs()}");
        refused.Dispose();

        foreach (string id in accepted)
        {
            using HttpResponseMessage cancel = await client.PostAsync($"/v1/jobs/{id}/cancel", null);
            Assert.True(cancel.IsSuccessStatusCode, $"cancel {id}: {(int)cancel.StatusCode}");
        }

        foreach (string id in accepted)
        {
            JsonElement job = await client.WaitFinishedAsync(id);
            Assert.True(job.GetProperty("state").GetString() == "cancelled", $"job {id} after its cancel: {job.GetRawText()}");
        }

        string after = await client.SubmitAcceptedAsync("two-layer", "{\"ticks\": 60}");
        JsonElement done = await client.WaitFinishedAsync(after);
        Assert.True(done.GetProperty("state").GetString() == "done", $"job {after} after the cancels: {done.GetRawText()}");
    }
}
