using System.Net.Http.Headers;
namespace NeuroChip.Service.Tests.Support;

/// <summary>Submitting jobs of any kind (a file or an example, and options), downloading artifacts, and reading the event stream.</summary>
internal static class KindSubmissions
{
    public static async Task<HttpResponseMessage> SubmitKindAsync(
        this HttpClient client, string kind, string? example = null, (string Field, string Name, byte[] Content)? file = null, string? optionsJson = null)
    {
        using var form = new MultipartFormDataContent { { new StringContent(kind), "kind" } };
        if (example is not null)
        {
            form.Add(new StringContent(example), "example");
        }

        if (file is { } f)
        {
            var content = new ByteArrayContent(f.Content);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, f.Field, f.Name);
        }

        if (optionsJson is not null)
        {
            form.Add(new StringContent(optionsJson), "options");
        }

        return await client.PostAsync("/v1/jobs", form);
    }

    public static async Task<string> AcceptedIdAsync(this HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<byte[]> ArtifactAsync(this HttpClient client, string id, string name)
    {
        using HttpResponseMessage response = await client.GetAsync($"/v1/jobs/{id}/artifacts/{name}");
        Assert.True(response.IsSuccessStatusCode, $"artifact {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The data lines of the job's server-sent events, parsed, until a terminal state or the timeout.</summary>
    public static async Task<IReadOnlyList<JsonElement>> EventsUntilFinishedAsync(this HttpClient client, string id, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{id}/events");
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var events = new List<JsonElement>();
        while (await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            JsonElement update = JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            events.Add(update);
            if (update.GetProperty("state").GetString() is "done" or "failed" or "cancelled")
            {
                break;
            }
        }

        return events;
    }
}
