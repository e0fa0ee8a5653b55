using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace NeuroChip.Service.Tests.Queue;

public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int ClockTicks = 10_000;
    private const int ClockCores = 4;
    private const int ClockNeurons = 1024;

    [Fact]
    public async Task Restart_AfterSigkillWithJobsQueuedAndRunning_EveryJobDoneExactlyOnceWithRightReport()
    {
        using var data = new TempDirectory();
        string token = KeyAdministration.Create(data.Path, "crash", new KeyLimits { MaxConcurrentJobs = 50, MaxTicks = ClockTicks }).Token;
        byte[] clock = TestImages.BiasClock(ClockCores, ClockNeurons);

        var clockJobs = new List<string>();
        var twoLayerJobs = new Dictionary<string, int>();
        using (ChildProcessServer first = await ChildProcessServer.StartAsync(data.Path, workers: 2, queueCapacity: 64))
        using (HttpClient client = first.Client(token))
        {
            for (int i = 0; i < 3; i++)
            {
                using HttpResponseMessage response = await client.SubmitImageAsync(clock, "clock.json", $"{{\"ticks\": {ClockTicks}}}");
                string body = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, body);
                clockJobs.Add(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
                for (int k = 0; k < 2; k++)
                {
                    int ticks = 30 + (2 * i) + k;
                    twoLayerJobs[await client.SubmitAcceptedAsync("two-layer", $"{{\"ticks\": {ticks}}}")] = ticks;
                }
            }

            // Kill only once a clock job (seconds long) is running and other jobs still wait: wait for that state, with
            // only the hang guard as a time limit.
            DateTime end = DateTime.UtcNow + JobClient.HangGuard;
            while (true)
            {
                JsonElement list = JsonDocument.Parse(await client.GetStringAsync("/v1/jobs?limit=100")).RootElement;
                JsonElement[] jobs = list.GetProperty("jobs").EnumerateArray().ToArray();
                string[] states = jobs.Select(j => j.GetProperty("state").GetString()!).ToArray();
                bool clockRunning = jobs.Any(j => j.GetProperty("state").GetString() == "running" && clockJobs.Contains(j.GetProperty("id").GetString()!));
                if (clockRunning && states.Contains("queued"))
                {
                    output.WriteLine($"killing with {states.Count(s => s == "running")} running, {states.Count(s => s == "queued")} queued, {states.Count(s => s == "done")} done");
                    break;
                }

                Assert.True(states.Any(s => s is "queued" or "running"), $"every job finished before a moment with a clock job running and others queued: {string.Join(", ", states)}");
                Assert.True(DateTime.UtcNow < end, "no moment with jobs both running and queued: hung");
                await Task.Delay(20);
            }

            first.Kill();
        }

        using (ChildProcessServer second = await ChildProcessServer.StartAsync(data.Path, workers: 2, queueCapacity: 64))
        using (HttpClient client = second.Client(token))
        {
            foreach (string id in clockJobs.Concat(twoLayerJobs.Keys))
            {
                JsonElement job = await client.WaitFinishedAsync(id);
                Assert.Equal("done", job.GetProperty("state").GetString());
            }

            // Bias clock: every neuron spikes floor(T / 7) times (hand count in TestImages.BiasClock).
            foreach (string id in clockJobs)
            {
                JsonElement report = await client.GetReportAsync(id);
                for (int core = 0; core < ClockCores; core++)
                {
                    Assert.Equal((long)ClockNeurons * TestImages.BiasClockSpikesPerNeuron(ClockTicks), report.Core(core).GetProperty("spikes").GetInt64());
                }
            }

            foreach ((string id, int ticks) in twoLayerJobs)
            {
                JsonElement report = await client.GetReportAsync(id);
                Assert.Equal(TwoLayerExpectation.Layer1Spikes(ticks), report.Core(0).GetProperty("spikes").GetInt64());
            }
        }

        // The database: every job reached 'done' by exactly one transition, and the kill did interrupt a run.
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "neurochip-service.db")};Pooling=False");
        connection.Open();
        using SqliteCommand doneCount = connection.CreateCommand();
        doneCount.CommandText = "SELECT j.id, (SELECT COUNT(*) FROM job_transitions t WHERE t.job_id = j.id AND t.to_state = 'done') FROM jobs j";
        using (SqliteDataReader reader = doneCount.ExecuteReader())
        {
            int jobs = 0;
            while (reader.Read())
            {
                jobs++;
                Assert.True(reader.GetInt64(1) == 1, $"job {reader.GetString(0)} reached done {reader.GetInt64(1)} times");
            }

            Assert.Equal(9, jobs);
        }

        using SqliteCommand recovered = connection.CreateCommand();
        recovered.CommandText = "SELECT COUNT(*) FROM job_transitions WHERE note = 'recovered after restart'";
        long interrupted = (long)recovered.ExecuteScalar()!;
        output.WriteLine($"runs interrupted by the kill and recovered: {interrupted}");
        // The clock job seen running was interrupted; with two workers at most one other run was.
        Assert.InRange(interrupted, 1, 2);
    }
}
