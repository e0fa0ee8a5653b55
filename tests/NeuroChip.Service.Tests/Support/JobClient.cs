using System.Net.Http.Json;
namespace NeuroChip.Service.Tests.Support;

/// <summary>Submitting jobs and waiting for them, as a client of the HTTP API would.</summary>
internal static class JobClient
{
    public static async Task<HttpResponseMessage> SubmitExampleAsync(this HttpClient client, string example, string? optionsJson)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("simulate"), "kind" },
            { new StringContent(example), "example" },
        };
        if (optionsJson is not null)
        {
            form.Add(new StringContent(optionsJson), "options");
        }

        return await client.PostAsync("/v1/jobs", form);
    }

    public static async Task<HttpResponseMessage> SubmitImageAsync(this HttpClient client, byte[] image, string fileName, string? optionsJson)
    {
        using var form = new MultipartFormDataContent { { new StringContent("simulate"), "kind" } };
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "image", fileName);
        if (optionsJson is not null)
        {
            form.Add(new StringContent(optionsJson), "options");
        }

        return await client.PostAsync("/v1/jobs", form);
    }

    /// <summary>Submits and returns the new job's id, failing the test unless the server answered 202.</summary>
    public static async Task<string> SubmitAcceptedAsync(this HttpClient client, string example, string? optionsJson)
    {
        using HttpResponseMessage response = await client.SubmitExampleAsync(example, optionsJson);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> GetJobAsync(this HttpClient client, string id)
    {
        using HttpResponseMessage response = await client.GetAsync($"/v1/jobs/{id}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// How long a test waits for a job's state to change before it calls the job hung. It only guards against hangs:
    /// tests wait for state changes, never for a duration, so this is far above any job the tests submit.
    /// </summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    /// <summary>Polls the job until it is in one of <paramref name="states"/> (or has finished), failing after <see cref="HangGuard"/>.</summary>
    public static async Task<JsonElement> WaitForStateAsync(this HttpClient client, string id, params string[] states)
    {
        DateTime end = DateTime.UtcNow + HangGuard;
        while (true)
        {
            JsonElement job = await client.GetJobAsync(id);
            string state = job.GetProperty("state").GetString()!;
            if (states.Contains(state) || state is "done" or "failed" or "cancelled")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < end, $"job {id} still {state}, not {string.Join("/", states)}, after {HangGuard.TotalMinutes} min: hung");
            await Task.Delay(20);
        }
    }

    /// <summary>Polls the job until it is done, failed or cancelled, failing after <see cref="HangGuard"/>.</summary>
    public static Task<JsonElement> WaitFinishedAsync(this HttpClient client, string id) => client.WaitFinishedAsync(id, HangGuard);

    /// <summary>Polls the job until it is done, failed or cancelled, or the timeout passes.</summary>
    public static async Task<JsonElement> WaitFinishedAsync(this HttpClient client, string id, TimeSpan timeout)
    {
        DateTime end = DateTime.UtcNow + timeout;
        while (true)
        {
            JsonElement job = await client.GetJobAsync(id);
            string state = job.GetProperty("state").GetString()!;
            if (state is "done" or "failed" or "cancelled")
            {
                return job;
            }

            if (DateTime.UtcNow > end)
            {
                Assert.Fail($"job {id} still {state} after {timeout.TotalSeconds} s");
            }

            await Task.Delay(40);
        }
    }

    public static async Task<JsonElement> GetReportAsync(this HttpClient client, string id)
    {
        using HttpResponseMessage response = await client.GetAsync($"/v1/jobs/{id}/artifacts/report.json");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A problem-details body: status, and the field it names.</summary>
    public static async Task<(int Status, string Field, string Detail)> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (problem.GetProperty("status").GetInt32(), problem.GetProperty("field").GetString()!, problem.GetProperty("detail").GetString()!);
    }

    public static JsonElement Core(this JsonElement report, int coreId) =>
        report.GetProperty("counters").GetProperty("cores").EnumerateArray().Single(c => c.GetProperty("coreId").GetInt32() == coreId);
}
