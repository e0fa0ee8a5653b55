using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using NeuroChip.Service.Hosting;
using NeuroChip.Service.Jobs;
using NeuroChip.Service.Keys;
using NeuroChip.Service.Queue;
using NeuroChip.Service.Storage;

namespace NeuroChip.Service.Api;

/// <summary>The <c>/v1</c> job API: parse the request, call the submitter or the store, format the answer.</summary>
internal static class JobEndpoints
{
    /// <summary>Room for multipart boundaries, headers and the options field on top of a key's upload limit.</summary>
    private const long FormOverheadBytes = 64 * 1024;
    private const int ListLimit = 500;

    public static void MapJobApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder v1 = app.MapGroup("/v1").WithTags("jobs");
        v1.MapGet("/catalogue", Catalogue).WithSummary("Job kinds and built-in examples this server runs.");
        v1.MapPost("/jobs", Submit)
            .Accepts<JobForm>("multipart/form-data")
            .Produces<JobResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Submit a job: form fields 'kind' (simulate, run or map; default simulate), 'example' or the kind's file ('image' for simulate, 'model' for run, 'graph' for map), and 'options' (JSON).");
        v1.MapGet("/jobs", List).WithSummary("This key's jobs, newest first: ?limit (1-500, default 100), ?state (queued, running, done, failed, cancelled), ?cursor (the 'next' of the previous page).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        v1.MapDelete("/jobs/{id}", Delete).WithSummary("Delete a finished job and its files.").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapGet("/jobs/{id}", Get).WithSummary("One job's state, progress and artifacts.").ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/jobs/{id}/events", Events).WithSummary("The job's state and progress as server-sent events, until it finishes.").ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapPost("/jobs/{id}/cancel", Cancel).WithSummary("Cancel a queued or running job.").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapGet("/jobs/{id}/artifacts", Artifacts).WithSummary("The files a finished job produced.").ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/jobs/{id}/artifacts/{name}", Download).WithSummary("Download report.json, report.html or the chip image.").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static CatalogueResponse Catalogue(JobKindRegistry kinds) => new(
        kinds.All.Select(k => new KindResponse(k.Name, k.Description)).ToList(),
        [
            .. BuiltInExamples.All.Select(e => new ExampleResponse(e.Name, SimulateJobKind.KindName, e.Description, e.DefaultTicks)),
            new ExampleResponse(RunJobKind.ExampleName, RunJobKind.KindName, RunJobKind.ExampleDescription, null),
        ]);

    private static async Task<IResult> Submit(HttpContext http, JobSubmitter submitter, ServiceMetrics metrics, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        AuthenticatedKey key = http.ApiKey();
        long uploadLimit = key.Limits.MaxUploadBytes;
        long bodyLimit = Math.Min(uploadLimit + FormOverheadBytes, options.Value.MaxRequestBytes);
        if (http.Request.ContentLength is long length && length > bodyLimit)
        {
            return TooLarge("body", $"The request body has {length:N0} bytes; this API key may upload at most {uploadLimit:N0} bytes per job.");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = bodyLimit;
        }

        if (!http.Request.HasFormContentType)
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the job as multipart/form-data with the fields 'kind', 'example' or 'image', and 'options'.", "Content-Type");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge("body", $"The request body exceeds this API key's upload limit of {uploadLimit:N0} bytes.");
        }
        catch (InvalidDataException e)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Malformed form", $"The multipart body could not be read: {e.Message}", "body");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            return Problems.Create(StatusCodes.Status408RequestTimeout, "Request body too slow", "The request body arrived slower than the server's minimum data rate; send it at once.", "body");
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Malformed form", $"The multipart body ended early or could not be read ({e.Message}); send the whole body.", "body");
        }

        var files = new Dictionary<string, UploadedFile>(StringComparer.Ordinal);
        foreach (IFormFile file in form.Files)
        {
            if (file.Length > uploadLimit)
            {
                return TooLarge(file.Name, $"The file '{file.FileName}' has {file.Length:N0} bytes; this API key may upload at most {uploadLimit:N0} bytes per job.");
            }

            if (files.ContainsKey(file.Name))
            {
                return Problems.Create(StatusCodes.Status400BadRequest, "Invalid job submission", $"The form has more than one file in the field '{file.Name}'.", file.Name);
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            files[file.Name] = new UploadedFile(file.Name, file.FileName, buffer.ToArray());
        }

        try
        {
            JobRecord job = submitter.Submit(key, Field(form, "kind"), new JobSubmission(Field(form, "example"), Field(form, "options"), files));
            metrics.Accepted(job.Kind);
            return TypedResults.Accepted($"/v1/jobs/{job.Id}", JobResponse.From(job, []));
        }
        catch (JobInputException e)
        {
            metrics.Rejected(e.StatusCode switch
            {
                StatusCodes.Status429TooManyRequests => e.Field == "queue" ? "queue" : "limit",
                StatusCodes.Status403Forbidden => "quota",
                StatusCodes.Status413PayloadTooLarge => "size",
                _ => "input",
            });
            if (e.StatusCode == StatusCodes.Status429TooManyRequests)
            {
                http.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Problems.Create(e.StatusCode, Problems.TitleFor(e.StatusCode), e.Message, e.Field);
        }
    }

    private static IResult List(HttpContext http, JobStore store, int? limit, string? state, string? cursor)
    {
        AuthenticatedKey key = http.ApiKey();
        if (limit is < 1 or > ListLimit)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Invalid query", $"limit = {limit}: ask for 1 to {ListLimit} jobs per page.", "limit");
        }

        JobState? wanted = null;
        if (state is not null)
        {
            if (!JobStates.TryFromText(state, out JobState parsed))
            {
                return Problems.Create(StatusCodes.Status400BadRequest, "Invalid query", $"state = '{state}': use queued, running, done, failed or cancelled.", "state");
            }

            wanted = parsed;
        }

        JobCursor? after = null;
        if (cursor is not null)
        {
            if (!JobCursor.TryDecode(cursor, out JobCursor parsed))
            {
                return Problems.Create(StatusCodes.Status400BadRequest, "Invalid query", "cursor: not a cursor this server handed out; pass the 'next' value of the previous page unchanged.", "cursor");
            }

            after = parsed;
        }

        JobPage page = store.List(key.Id, limit ?? 100, wanted, after);
        string? next = page.Next is { } n ? ListLink(limit, state, n.Encode()) : null;
        return TypedResults.Ok(new JobListResponse(page.Jobs.Select(j => JobResponse.From(j, j.State == JobState.Done ? store.Artifacts(j.Id) : [])).ToList(), page.Next?.Encode(), next));
    }

    private static string ListLink(int? limit, string? state, string cursor) =>
        $"/v1/jobs?cursor={Uri.EscapeDataString(cursor)}" + (limit is { } l ? $"&limit={l}" : "") + (state is null ? "" : $"&state={Uri.EscapeDataString(state)}");

    private static IResult Delete(string id, HttpContext http, JobStore store, JobPaths paths)
    {
        if (Owned(id, http, store) is not { } job)
        {
            return Problems.NotFound(id);
        }

        if (!store.TryDelete(id, job.KeyId))
        {
            return Problems.Create(StatusCodes.Status409Conflict, "Job not finished", $"Job '{id}' is {store.Get(id)?.State.ToText() ?? "gone"}; cancel it first, then delete it.", "id");
        }

        try
        {
            Directory.Delete(paths.JobDirectory(id), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // nothing was stored on disk
        }
        catch (IOException)
        {
            // the row is gone; the janitor removes a directory without a row on its next pass
        }

        return TypedResults.NoContent();
    }

    private static IResult Get(string id, HttpContext http, JobStore store)
    {
        if (Owned(id, http, store) is not { } job)
        {
            return Problems.NotFound(id);
        }

        return TypedResults.Ok(JobResponse.From(job, job.State == JobState.Done ? store.Artifacts(id) : []));
    }

    private static IResult Events(string id, HttpContext http, JobStore store, JobUpdates updates, CancellationToken cancellationToken)
    {
        if (Owned(id, http, store) is null)
        {
            return Problems.NotFound(id);
        }

        return TypedResults.ServerSentEvents(Stream(id, store, updates, cancellationToken));
    }

    private static IResult Cancel(string id, HttpContext http, JobStore store, JobUpdates updates, JobCancellations cancellations, JobQueue queue)
    {
        if (Owned(id, http, store) is not { } job)
        {
            return Problems.NotFound(id);
        }

        if (job.State == JobState.Queued && store.TryCancelQueued(id))
        {
            queue.Withdraw(id);
            updates.Publish(new JobUpdate(id, "cancelled", 0, null));
            return TypedResults.Ok(JobResponse.From(store.Get(id)!, []));
        }

        JobRecord now = store.Get(id)!;
        if (now.State == JobState.Running && store.TryRequestCancel(id))
        {
            cancellations.Cancel(id); // the run stops at its next check; the request itself is durable
            updates.Publish(new JobUpdate(id, "running", now.Progress, "cancel requested"));
            return TypedResults.Accepted($"/v1/jobs/{id}", JobResponse.From(now, []));
        }

        return Problems.Create(StatusCodes.Status409Conflict, "Job cannot be cancelled", $"Job '{id}' is {now.State.ToText()}; only queued or running jobs can be cancelled.", "id");
    }

    private static IResult Artifacts(string id, HttpContext http, JobStore store)
    {
        if (Owned(id, http, store) is not { } job)
        {
            return Problems.NotFound(id);
        }

        return TypedResults.Ok(JobResponse.From(job, job.State == JobState.Done ? store.Artifacts(id) : []).Artifacts);
    }

    private static IResult Download(string id, string name, HttpContext http, JobStore store, JobPaths paths)
    {
        if (Owned(id, http, store) is not { } job)
        {
            return Problems.NotFound(id);
        }

        if (job.State != JobState.Done)
        {
            return Problems.Create(StatusCodes.Status409Conflict, "Job not finished", $"Job '{id}' is {job.State.ToText()}; artifacts exist once it is done.", "id");
        }

        JobArtifact? artifact = store.Artifacts(id).FirstOrDefault(a => a.Name == name);
        if (artifact is null)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "Artifact not found", $"Job '{id}' has no artifact '{name}'. Artifacts: {string.Join(", ", store.Artifacts(id).Select(a => a.Name))}.", "name");
        }

        if (artifact.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        }

        return TypedResults.PhysicalFile(paths.Absolute(artifact.RelativePath), artifact.ContentType);
    }

    private static JobRecord? Owned(string id, HttpContext http, JobStore store) =>
        JobPaths.IsJobId(id) ? store.GetOwned(id, http.ApiKey().Id) : null;

    private static IResult TooLarge(string field, string detail) =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "Upload too large", detail, field);

    private static string? Field(IFormCollection form, string name) =>
        form.TryGetValue(name, out Microsoft.Extensions.Primitives.StringValues value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString() : null;

    private static async IAsyncEnumerable<SseItem<JobUpdate>> Stream(string id, JobStore store, JobUpdates updates, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using JobUpdates.Subscription subscription = updates.Subscribe(id);
        JobUpdate last = ToUpdate(store.Get(id)!);
        yield return new SseItem<JobUpdate>(last, "state");
        while (!IsTerminal(last.State) && !cancellationToken.IsCancellationRequested)
        {
            JobUpdate? next = await NextAsync(id, store, subscription, last, cancellationToken);
            if (next is null)
            {
                continue;
            }

            last = next;
            yield return new SseItem<JobUpdate>(next, next.State == "running" && next.Progress > 0 ? "progress" : "state");
        }
    }

    /// <summary>The next pushed update, or the stored state when nothing was pushed for two seconds and it changed (null otherwise).</summary>
    private static async Task<JobUpdate?> NextAsync(string id, JobStore store, JobUpdates.Subscription subscription, JobUpdate last, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            return await subscription.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            JobUpdate stored = ToUpdate(store.Get(id)!);
            return stored.State != last.State ? stored : null;
        }
    }

    private static JobUpdate ToUpdate(JobRecord job) => new(job.Id, job.State.ToText(), job.Progress, job.Error ?? job.Message);

    private static bool IsTerminal(string state) => state is "done" or "failed" or "cancelled";
}
