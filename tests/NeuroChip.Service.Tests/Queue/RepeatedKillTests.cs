using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace NeuroChip.Service.Tests.Queue;

/// <summary>
/// The service killed with SIGKILL ten times under load, on the same data directory, with cancels (of queued and of
/// running jobs) mixed in. Afterwards: no accepted job lost, none reached done twice, none stuck, and every job whose
/// cancel was accepted ended cancelled — also when the process died before the run noticed the cancel.
/// </summary>
public sealed class RepeatedKillTests(ITestOutputHelper output)
{
    private const int Kills = 10;
    private const int ClockTicks = 6_000;

    [Fact]
    public async Task TenKillsUnderLoad_NoJobLostNoneDoneTwiceNoneStuckAcceptedCancelsHold()
    {
        using var data = new TempDirectory();
        string token = KeyAdministration.Create(data.Path, "kills", new KeyLimits { MaxConcurrentJobs = 500, MaxTicks = ClockTicks }).Token;
        byte[] clock = TestImages.BiasClock(4, 1024);
        var accepted = new List<string>();
        var cancelled = new HashSet<string>(StringComparer.Ordinal);

        for (int kill = 0; kill < Kills; kill++)
        {
            using ChildProcessServer server = await ChildProcessServer.StartAsync(data.Path, workers: 2, queueCapacity: 256);
            using HttpClient client = server.Client(token);
            var clocks = new List<string>();
            for (int i = 0; i < 2; i++)
            {
                using HttpResponseMessage response = await client.SubmitImageAsync(clock, "clock.json", $"{{\"ticks\": {ClockTicks}}}");
                clocks.Add(await response.AcceptedIdAsync());
                accepted.Add(await client.SubmitAcceptedAsync("two-layer", $"{{\"ticks\": {30 + kill}}}"));
            }

            accepted.AddRange(clocks);

            // A queued job cancelled: 200 at once.
            string queued = await client.SubmitAcceptedAsync("two-layer", "{\"ticks\": 40}");
            accepted.Add(queued);
            if (await CancelAsync(client, queued) is HttpStatusCode.OK or HttpStatusCode.Accepted)
            {
                cancelled.Add(queued);
            }

            // Wait until a clock job runs, then (every other round) cancel it and kill at once: the run may never see
            // the cancel before the process dies; the cancel must still hold after the restart. On a loaded machine
            // both clocks can start and end between two polls; then this round kills an idle queue instead.
            string? running = await WaitForRunningAsync(client, clocks);
            if (running is not null && kill % 2 == 1 && await CancelAsync(client, running) == HttpStatusCode.Accepted)
            {
                cancelled.Add(running);
            }

            server.Kill();
            output.WriteLine($"kill {kill + 1}: {accepted.Count} accepted so far, {cancelled.Count} cancels accepted");
        }

        using (ChildProcessServer last = await ChildProcessServer.StartAsync(data.Path, workers: 2, queueCapacity: 256))
        using (HttpClient client = last.Client(token))
        {
            foreach (string id in accepted)
            {
                JsonElement job = await client.WaitFinishedAsync(id);
                string expected = cancelled.Contains(id) ? "cancelled" : "done";
                Assert.True(job.GetProperty("state").GetString() == expected, $"job {id}: {job}");
            }
        }

        using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "neurochip-service.db")};Pooling=False");
        connection.Open();
        using SqliteCommand rows = connection.CreateCommand();
        rows.CommandText = "SELECT j.id, j.state, (SELECT COUNT(*) FROM job_transitions t WHERE t.job_id = j.id AND t.to_state = 'done') FROM jobs j";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using SqliteDataReader reader = rows.ExecuteReader();
        while (reader.Read())
        {
            seen.Add(reader.GetString(0));
            Assert.True(reader.GetInt64(2) <= 1, $"job {reader.GetString(0)} reached done {reader.GetInt64(2)} times");
            Assert.True(reader.GetString(1) is "done" or "cancelled", $"job {reader.GetString(0)} stuck in {reader.GetString(1)}");
        }

        Assert.Equal(accepted.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    private static async Task<HttpStatusCode> CancelAsync(HttpClient client, string id)
    {
        using HttpResponseMessage response = await client.PostAsync($"/v1/jobs/{id}/cancel", null);
        return response.StatusCode;
    }

    /// <summary>The first of <paramref name="ids"/> seen running, or null once all of them have ended.</summary>
    private static async Task<string?> WaitForRunningAsync(HttpClient client, IReadOnlyList<string> ids)
    {
        DateTime end = DateTime.UtcNow + JobClient.HangGuard;
        while (true)
        {
            int ended = 0;
            foreach (string id in ids)
            {
                string? state = (await client.GetJobAsync(id)).GetProperty("state").GetString();
                if (state == "running")
                {
                    return id;
                }

                ended += state is "done" or "failed" or "cancelled" ? 1 : 0;
            }

            if (ended == ids.Count)
            {
                return null;
            }

            Assert.True(DateTime.UtcNow < end, "no clock job started: hung");
            await Task.Delay(10);
        }
    }
}
