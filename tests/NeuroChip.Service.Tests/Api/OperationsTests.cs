using System.Net.Sockets;
namespace NeuroChip.Service.Tests.Api;

/// <summary>What an operator and a client of a mature job service expect: deletion, paging, the job's options, health, metrics, limits.</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task Delete_FinishedJob_GoneWithItsFilesAndRunningOrForeignRefused()
    {
        await using InProcessServer server = await InProcessServer.StartAsync(workers: 1);
        using HttpClient owner = server.Client(server.CreateKey("owner"));
        using HttpClient other = server.Client(server.CreateKey("other"));
        string id = await (await owner.SubmitKindAsync("simulate", example: "two-layer", optionsJson: "{\"ticks\": 30}")).AcceptedIdAsync();
        Assert.Equal("done", (await owner.WaitFinishedAsync(id, TimeSpan.FromMinutes(2))).GetProperty("state").GetString());
        string directory = Path.Combine(server.DataDirectory, "jobs", id);
        Assert.True(Directory.Exists(directory));

        using (HttpResponseMessage foreign = await other.DeleteAsync($"/v1/jobs/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        using (HttpResponseMessage deleted = await owner.DeleteAsync($"/v1/jobs/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (HttpResponseMessage after = await owner.GetAsync($"/v1/jobs/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        }

        Assert.False(Directory.Exists(directory));

        // A job still running cannot be deleted: it must be cancelled first.
        string running = await (await owner.SubmitKindAsync("simulate", example: "two-layer", optionsJson: "{\"ticks\": 100000}")).AcceptedIdAsync();
        await WaitStateAsync(owner, running, "running");
        using (HttpResponseMessage refused = await owner.DeleteAsync($"/v1/jobs/{running}"))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("id", (await refused.ReadProblemAsync()).Field);
        }

        using HttpResponseMessage cancel = await owner.PostAsync($"/v1/jobs/{running}/cancel", null);
        Assert.Equal("cancelled", (await owner.WaitFinishedAsync(running, TimeSpan.FromMinutes(2))).GetProperty("state").GetString());
        using HttpResponseMessage deletedAfterCancel = await owner.DeleteAsync($"/v1/jobs/{running}");
        Assert.Equal(HttpStatusCode.NoContent, deletedAfterCancel.StatusCode);
    }

    [Fact]
    public async Task List_FivePagesOfTwo_EveryJobOnceNewestFirstAndStateFilterHolds()
    {
        await using InProcessServer server = await InProcessServer.StartAsync(workers: 1);
        using HttpClient client = server.Client(server.CreateKey("pager"));
        var submitted = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            submitted.Add(await (await client.SubmitKindAsync("simulate", example: "two-layer", optionsJson: $"{{\"ticks\": {20 + i}}}")).AcceptedIdAsync());
        }

        foreach (string id in submitted)
        {
            await client.WaitFinishedAsync(id, TimeSpan.FromMinutes(2));
        }

        var seen = new List<string>();
        string? next = "/v1/jobs?limit=2";
        int pages = 0;
        while (next is not null)
        {
            JsonElement page = await GetJsonAsync(client, next);
            JsonElement[] jobs = page.GetProperty("jobs").EnumerateArray().ToArray();
            Assert.InRange(jobs.Length, 1, 2);
            seen.AddRange(jobs.Select(j => j.GetProperty("id").GetString()!));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            pages++;
        }

        // 5 jobs in pages of 2: 2 + 2 + 1, newest first, each once.
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(submitted), seen);

        JsonElement done = await GetJsonAsync(client, "/v1/jobs?state=done");
        Assert.Equal(5, done.GetProperty("jobs").GetArrayLength());
        JsonElement queued = await GetJsonAsync(client, "/v1/jobs?state=queued");
        Assert.Equal(0, queued.GetProperty("jobs").GetArrayLength());

        // The options each job runs with are on the job: the third job asked for 22 ticks.
        JsonElement third = await client.GetJobAsync(submitted[2]);
        Assert.Equal(22, third.GetProperty("options").GetProperty("ticks").GetInt32());

        foreach ((string query, string field) in new[] { ("state=finished", "state"), ("cursor=abc", "cursor"), ("limit=0", "limit"), ("limit=501", "limit") })
        {
            using HttpResponseMessage bad = await client.GetAsync($"/v1/jobs?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(field, (await bad.ReadProblemAsync()).Field);
        }
    }

    [Fact]
    public async Task RateLimit_OneRequestPerSecond_ThirdImmediateRequestGets429WithRetryAfter()
    {
        await using InProcessServer server = await InProcessServer.StartAsync(workers: 1, extraArgs: ["--requests-per-second", "1"]);
        using HttpClient client = server.Client(server.CreateKey("busy"));
        // A bucket of 2 × 1 tokens: two requests pass at once, the third finds it empty.
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (int i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await client.GetAsync("/v1/jobs");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("request", (await last.ReadProblemAsync()).Field);
        last.Dispose();

        // Another key has its own bucket.
        using HttpClient other = server.Client(server.CreateKey("quiet"));
        using HttpResponseMessage fine = await other.GetAsync("/v1/jobs");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Submit_UploadPastStorageQuota_403NamingQuotaAndNothingStored()
    {
        await using InProcessServer server = await InProcessServer.StartAsync(workers: 1, extraArgs: ["--quota-bytes", "1048576"]);
        using HttpClient client = server.Client(server.CreateKey("full"));
        byte[] image = new byte[1_100_000]; // over the 1 MiB quota on its own
        using HttpResponseMessage response = await client.SubmitKindAsync("simulate", file: ("image", "big.bin", image));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        (int status, string field, string detail) = await response.ReadProblemAsync();
        Assert.Equal((403, "quota"), (status, field));
        Assert.Contains("1,048,576", detail, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "jobs")) && Directory.EnumerateDirectories(Path.Combine(server.DataDirectory, "jobs")).Any());
    }

    [Fact]
    public async Task Submit_TruncatedMultipartBody_400NamingTheBody()
    {
        await using InProcessServer server = await InProcessServer.StartAsync(workers: 1);
        using HttpClient client = server.Client(server.CreateKey("cut"));
        const string body = "--b\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nsimulate\r\n--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x.json\"\r\n\r\n{\"chip\": ";
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
        using HttpResponseMessage response = await client.PostAsync("/v1/jobs", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("body", (await response.ReadProblemAsync()).Field);
    }

    [Fact]
    public async Task Submit_BodyAtOneBytePerSecond_408WithinSeconds()
    {
        await using InProcessServer server = await InProcessServer.StartAsync(workers: 1);
        string token = server.CreateKey("slow");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port);
        using NetworkStream stream = tcp.GetStream();
        string head = $"POST /v1/jobs HTTP/1.1\r\nHost: {server.Address.Authority}\r\nX-Api-Key: {token}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 4000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // Kestrel's minimum body rate (240 B/s after a 5 s grace period) ends the upload; dribble until the answer comes.
        var reply = new StringBuilder();
        var buffer = new byte[4096];
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task<int> read = stream.ReadAsync(buffer, guard.Token).AsTask();
        while (!read.IsCompleted)
        {
            try
            {
                await stream.WriteAsync("-"u8.ToArray(), guard.Token);
            }
            catch (IOException)
            {
                break; // the server closed the connection after answering
            }

            await Task.WhenAny(read, Task.Delay(1000, guard.Token));
        }

        int n = await read;
        reply.Append(Encoding.ASCII.GetString(buffer, 0, n));
        Assert.StartsWith("HTTP/1.1 408", reply.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_LeftoverStagingAndOrphanDirectories_RemovedAndFinishedJobKept()
    {
        using var data = new TempDirectory();
        string token;
        string id;
        await using (InProcessServer first = await InProcessServer.StartAsync(workers: 1, dataDirectory: data.Path))
        {
            token = first.CreateKey("owner");
            using HttpClient client = first.Client(token);
            id = await (await client.SubmitKindAsync("simulate", example: "two-layer", optionsJson: "{\"ticks\": 30}")).AcceptedIdAsync();
            await client.WaitFinishedAsync(id, TimeSpan.FromMinutes(2));
        }

        // What a killed process leaves: a run's staging directory and a job directory whose row was never written.
        string staging = Path.Combine(data.Path, "jobs", id, "staging-0123");
        string orphan = Path.Combine(data.Path, "jobs", "job_00112233445566778899aabb");
        Directory.CreateDirectory(staging);
        Directory.CreateDirectory(Path.Combine(orphan, "input"));

        await using InProcessServer restarted = await InProcessServer.StartAsync(workers: 1, dataDirectory: data.Path);
        Assert.False(Directory.Exists(staging));
        Assert.False(Directory.Exists(orphan));
        using HttpClient again = restarted.Client(token);
        JsonElement report = await again.GetReportAsync(id);
        Assert.Equal(30, report.GetProperty("ticks").GetInt32());
    }

    [Fact]
    public async Task Catalogue_BuiltInExamples_IncludeTheRunExampleWithItsKind()
    {
        await using InProcessServer server = await InProcessServer.StartAsync(workers: 1);
        using HttpClient client = server.Client(server.CreateKey("reader"));
        JsonElement catalogue = await GetJsonAsync(client, "/v1/catalogue");
        var examples = catalogue.GetProperty("examples").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("kind").GetString());
        Assert.Equal("run", examples["digits-mlp"]);
        Assert.Equal("simulate", examples["two-layer"]);
        Assert.Equal(["map", "run", "simulate"], catalogue.GetProperty("kinds").EnumerateArray().Select(k => k.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task OpenApi_Document_DeclaresApiKeySchemeOnV1AndOptionalFormFieldsForEveryKind()
    {
        await using InProcessServer server = await InProcessServer.StartAsync(workers: 1);
        using HttpClient anonymous = server.Client();
        JsonElement document = await GetJsonAsync(anonymous, "/openapi/v1.json");

        JsonElement scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());

        JsonElement submit = document.GetProperty("paths").GetProperty("/v1/jobs").GetProperty("post");
        Assert.Contains(submit.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("ApiKey", out _));
        JsonElement schema = submit.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        if (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        Assert.Equal(["example", "graph", "image", "kind", "model", "options"], schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(!schema.TryGetProperty("required", out JsonElement required) || required.GetArrayLength() == 0, $"form fields marked required: {schema}");
        JsonElement health = document.GetProperty("paths").GetProperty("/health").GetProperty("get");
        Assert.False(health.TryGetProperty("security", out _));
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using HttpResponseMessage response = await client.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task WaitStateAsync(HttpClient client, string id, string state)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while ((await client.GetJobAsync(id)).GetProperty("state").GetString() != state)
        {
            await Task.Delay(20, guard.Token);
        }
    }
}
