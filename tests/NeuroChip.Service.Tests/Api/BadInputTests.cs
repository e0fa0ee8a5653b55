namespace NeuroChip.Service.Tests.Api;

/// <summary>Every refused request answers problem details naming what was wrong, and the server keeps serving.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private InProcessServer server = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        server = await InProcessServer.StartAsync(workers: 1, queueCapacity: 16);
        client = server.Client(server.CreateKey("tester", new KeyLimits { MaxUploadBytes = 16 * 1024, MaxTicks = 1000, MaxNeurons = 2000 }));
    }

    public async Task DisposeAsync()
    {
        // After every refusal above, a good job still runs to completion.
        string id = await client.SubmitAcceptedAsync("two-layer", "{\"ticks\": 60}");
        JsonElement job = await client.WaitFinishedAsync(id, TimeSpan.FromSeconds(30));
        Assert.Equal("done", job.GetProperty("state").GetString());
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Request_NoKey_401NamingTheHeader()
    {
        using HttpClient anonymous = server.Client();
        using HttpResponseMessage response = await anonymous.GetAsync("/v1/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        (int status, string field, string detail) = await response.ReadProblemAsync();
        Assert.Equal(401, status);
        Assert.Equal("X-Api-Key", field);
        Assert.Contains("X-Api-Key", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WrongOrRevokedKey_401()
    {
        string token = server.CreateKey("soon revoked");
        string id = token.Split('_')[1];
        Assert.True(KeyAdministration.Revoke(server.DataDirectory, id));
        foreach (string presented in new[] { token, "nck_000000000000_not-a-secret", "garbage", token[..^2] + "xx" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", presented);
            using HttpClient anonymous = server.Client();
            using HttpResponseMessage response = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            (_, string field, _) = await response.ReadProblemAsync();
            Assert.Equal("X-Api-Key", field);
        }
    }

    [Fact]
    public async Task Request_BearerKey_Accepted()
    {
        using HttpClient bearer = server.Client();
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.CreateKey("bearer"));
        using HttpResponseMessage response = await bearer.GetAsync("/v1/jobs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetJob_AnotherKeysJob_404ForJobEventsArtifactsAndCancel()
    {
        string id = await client.SubmitAcceptedAsync("two-layer", "{\"ticks\": 20}");
        using HttpClient other = server.Client(server.CreateKey("other team"));
        foreach (string path in new[] { $"/v1/jobs/{id}", $"/v1/jobs/{id}/events", $"/v1/jobs/{id}/artifacts", $"/v1/jobs/{id}/artifacts/report.json" })
        {
            using HttpResponseMessage response = await other.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            (_, string field, string detail) = await response.ReadProblemAsync();
            Assert.Equal("id", field);
            Assert.Contains(id, detail, StringComparison.Ordinal);
        }

        using HttpResponseMessage cancel = await other.PostAsync($"/v1/jobs/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        JsonElement mine = await client.WaitFinishedAsync(id, TimeSpan.FromSeconds(30));
        Assert.Equal("done", mine.GetProperty("state").GetString());
        JsonElement othersList = JsonDocument.Parse(await other.GetStringAsync("/v1/jobs")).RootElement;
        Assert.Empty(othersList.GetProperty("jobs").EnumerateArray());
    }

    [Fact]
    public async Task Submit_MalformedJsonImage_400NamingImage()
    {
        using HttpResponseMessage response = await client.SubmitImageAsync(Encoding.UTF8.GetBytes("{\"schemaVersion\": 1, \"chip\": "), "broken.json", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (_, string field, string detail) = await response.ReadProblemAsync();
        Assert.Equal("image", field);
        Assert.Contains("broken.json", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_GarbageBinaryImage_400NamingImage()
    {
        byte[] garbage = Enumerable.Range(0, 300).Select(i => (byte)(i * 37)).ToArray();
        using HttpResponseMessage response = await client.SubmitImageAsync(garbage, "noise.bin", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (_, string field, _) = await response.ReadProblemAsync();
        Assert.Equal("image", field);
    }

    [Fact]
    public async Task Submit_ImageTooLargeForChip_422NamingImageAndLimit()
    {
        using HttpResponseMessage response = await client.SubmitImageAsync(TestImages.TooManyNeuronsForTinyChip(), "big.json", "{\"ticks\": 10}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        (_, string field, string detail) = await response.ReadProblemAsync();
        Assert.Equal("image", field);
        Assert.Contains("neurons = 100 exceeds the limit 64", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ImageOverKeysNeuronLimit_422NamingImage()
    {
        // 3 cores x 1,000 neurons = 3,000 neurons against the key's limit of 2,000.
        using HttpClient roomy = server.Client(server.CreateKey("roomy uploads", new KeyLimits { MaxUploadBytes = 1 << 20, MaxNeurons = 2000 }));
        using HttpResponseMessage response = await roomy.SubmitImageAsync(TestImages.BiasClock(3, 1000), "clock.json", "{\"ticks\": 10}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        (_, string field, string detail) = await response.ReadProblemAsync();
        Assert.Equal("image", field);
        Assert.Contains("3,000 neurons", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"ticks\": 0}", "options.ticks", 400)]
    [InlineData("{\"ticks\": 5000}", "options.ticks", 422)]
    [InlineData("{\"ticks\": \"many\"}", "options.ticks", 400)]
    [InlineData("{\"threads\": 9}", "options.threads", 400)]
    [InlineData("{\"tick\": 10}", "options", 400)]
    [InlineData("not json", "options", 400)]
    [InlineData("{\"ticks\": 10, \"input\": {\"spikes\": [{\"tick\": 0, \"port\": \"nope\", \"channel\": 0}]}}", "options.input.spikes[0].port", 400)]
    [InlineData("{\"ticks\": 10, \"input\": {\"spikes\": [{\"tick\": 1, \"port\": \"in\", \"channel\": 7}]}}", "options.input.spikes[0].channel", 400)]
    [InlineData("{\"ticks\": 10, \"input\": {\"spikes\": [{\"tick\": 0, \"port\": \"in\", \"channel\": 0}, {\"tick\": 10, \"port\": \"in\", \"channel\": 0}]}}", "options.input.spikes[1].tick", 400)]
    public async Task Submit_InvalidOptions_ProblemNamingTheField(string options, string expectedField, int expectedStatus)
    {
        using HttpResponseMessage response = await client.SubmitExampleAsync("two-layer", options);
        (int status, string field, string detail) = await response.ReadProblemAsync();
        Assert.Equal(expectedStatus, (int)response.StatusCode);
        Assert.Equal(expectedStatus, status);
        Assert.StartsWith(expectedField, field, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(detail));
    }

    [Fact]
    public async Task Submit_UnknownExampleOrKind_400NamingTheField()
    {
        using HttpResponseMessage example = await client.SubmitExampleAsync("three-layer", null);
        (_, string exampleField, string exampleDetail) = await example.ReadProblemAsync();
        Assert.Equal("example", exampleField);
        Assert.Contains("two-layer", exampleDetail, StringComparison.Ordinal);

        using var form = new MultipartFormDataContent { { new StringContent("train"), "kind" }, { new StringContent("two-layer"), "example" } };
        using HttpResponseMessage kind = await client.PostAsync("/v1/jobs", form);
        Assert.Equal(HttpStatusCode.BadRequest, kind.StatusCode);
        (_, string kindField, _) = await kind.ReadProblemAsync();
        Assert.Equal("kind", kindField);
    }

    [Fact]
    public async Task Submit_OversizedUpload_413()
    {
        // 200 KiB against this key's 16 KiB upload limit.
        byte[] big = new byte[200 * 1024];
        Array.Fill(big, (byte)' ');
        big[0] = (byte)'{';
        using HttpResponseMessage response = await client.SubmitImageAsync(big, "huge.json", null);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        (int status, string field, string detail) = await response.ReadProblemAsync();
        Assert.Equal(413, status);
        Assert.Equal("body", field);
        Assert.Contains("16,384", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_NotMultipart_415NamingContentType()
    {
        using var body = new StringContent("{\"example\": \"two-layer\"}", Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync("/v1/jobs", body);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        (_, string field, _) = await response.ReadProblemAsync();
        Assert.Equal("Content-Type", field);
    }

    [Fact]
    public async Task Download_UnknownArtifact_404NamingName()
    {
        string id = await client.SubmitAcceptedAsync("two-layer", "{\"ticks\": 30}");
        await client.WaitFinishedAsync(id, TimeSpan.FromSeconds(30));
        using HttpResponseMessage response = await client.GetAsync($"/v1/jobs/{id}/artifacts/..%2Fneurochip-service.db");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        (_, string field, _) = await response.ReadProblemAsync();
        Assert.Equal("name", field);
    }
}
