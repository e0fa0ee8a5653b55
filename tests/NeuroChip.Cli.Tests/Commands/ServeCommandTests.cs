using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
namespace NeuroChip.Cli.Tests.Commands;

/// <summary><c>neurochip serve</c>: create a key, start the service, submit the built-in two-layer job, fetch its report.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_SubmitTwoLayerExample_JobDoneWithTheHandCountedReport()
    {
        using var dir = new TempDirectory();
        string data = dir.File("service");
        CliResult created = (await CliProcess.RunAsync(dir.Path, "serve", "keys", "create", "--name", "cli-test", "--data-dir", data)).Succeeded();
        string token = created.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

        int port = FreeLoopbackPort();
        using Process server = Process.Start(CliProcess.StartInfo(dir.Path, "serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", data, "--workers", "1"))!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitHealthyAsync(client, server);
            client.DefaultRequestHeaders.Add("X-Api-Key", token);

            using var form = new MultipartFormDataContent
            {
                { new StringContent("simulate"), "kind" },
                { new StringContent("two-layer"), "example" },
                { new StringContent("{\"ticks\": 60}"), "options" },
            };
            using HttpResponseMessage submitted = await client.PostAsync("/v1/jobs", form);
            string body = await submitted.Content.ReadAsStringAsync();
            Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, body);
            string id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

            JsonElement job = await WaitFinishedAsync(client, id);
            Assert.True(job.GetProperty("state").GetString() == "done", job.GetRawText());

            // The same hand count as SimulateCommandTests: 60 ticks of the two-layer example give 177 layer-1 spikes and
            // 120 synaptic ops on core 0, 352 synaptic ops on core 5.
            using JsonDocument report = JsonDocument.Parse(await client.GetStringAsync($"/v1/jobs/{id}/artifacts/report.json"));
            JsonElement[] cores = report.RootElement.GetProperty("counters").GetProperty("cores").EnumerateArray().ToArray();
            Assert.Equal((177, 120), (cores[0].GetProperty("spikes").GetInt32(), cores[0].GetProperty("synapticOps").GetInt32()));
            Assert.Equal(352, cores[1].GetProperty("synapticOps").GetInt32());
            Assert.True(File.Exists(Path.Combine(data, "neurochip-service.db")));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task WaitHealthyAsync(HttpClient client, Process server)
    {
        DateTime end = DateTime.UtcNow + CliProcess.HangGuard;
        while (true)
        {
            Assert.False(server.HasExited, "the service exited while starting");
            try
            {
                using HttpResponseMessage health = await client.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            Assert.True(DateTime.UtcNow < end, "the service never answered /health: hung");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> WaitFinishedAsync(HttpClient client, string id)
    {
        DateTime end = DateTime.UtcNow + CliProcess.HangGuard;
        while (true)
        {
            JsonElement job = JsonDocument.Parse(await client.GetStringAsync($"/v1/jobs/{id}")).RootElement.Clone();
            if (job.GetProperty("state").GetString() is "done" or "failed" or "cancelled")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < end, $"job {id} never finished: hung");
            await Task.Delay(40);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
