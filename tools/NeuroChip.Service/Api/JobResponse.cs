using System.Text.Json;
using NeuroChip.Service.Storage;

namespace NeuroChip.Service.Api;

/// <summary>
/// A job as the API shows it, with links to its progress stream, artifacts and cancellation.
/// <see cref="Options"/> are the options the job runs with, as its kind normalised them from the submission.
/// </summary>
internal sealed record JobResponse(
    string Id,
    string Kind,
    string State,
    double Progress,
    string? Message,
    string? Error,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    JsonElement? Summary,
    JsonElement Options,
    IReadOnlyList<ArtifactResponse> Artifacts,
    JobLinks Links)
{
    public static JobResponse From(JobRecord job, IReadOnlyList<JobArtifact> artifacts)
    {
        string self = $"/v1/jobs/{job.Id}";
        JsonElement? summary = job.Summary is null ? null : JsonDocument.Parse(job.Summary).RootElement.Clone();
        return new JobResponse(
            job.Id,
            job.Kind,
            job.State.ToText(),
            job.Progress,
            job.Message,
            job.Error,
            job.Attempts,
            job.CreatedAt,
            job.UpdatedAt,
            summary,
            JsonDocument.Parse(job.Options).RootElement.Clone(),
            artifacts.Select(a => new ArtifactResponse(a.Name, a.ContentType, a.Bytes, $"{self}/artifacts/{a.Name}")).ToList(),
            new JobLinks(self, $"{self}/events", $"{self}/artifacts", $"{self}/cancel"));
    }
}

internal sealed record ArtifactResponse(string Name, string ContentType, long Bytes, string Href);

internal sealed record JobLinks(string Self, string Events, string Artifacts, string Cancel);

/// <summary>One page of jobs; <see cref="Cursor"/> and <see cref="Next"/> (the same page as a link) are null on the last.</summary>
internal sealed record JobListResponse(IReadOnlyList<JobResponse> Jobs, string? Cursor, string? Next);

internal sealed record KindResponse(string Name, string Description);

/// <summary>A built-in example: its name, the kind that runs it, what it is, and for a simulation the ticks it runs by default.</summary>
internal sealed record ExampleResponse(string Name, string Kind, string Description, int? DefaultTicks);

internal sealed record CatalogueResponse(IReadOnlyList<KindResponse> Kinds, IReadOnlyList<ExampleResponse> Examples);

internal sealed record HealthResponse(string Status, int QueuedJobs, int QueueCapacity, int Workers);

/// <summary>The multipart form of a submission (documented in the OpenAPI description); every field is optional.</summary>
internal sealed class JobForm
{
    /// <summary>simulate (default), run or map.</summary>
    public string? Kind { get; init; }

    /// <summary>A built-in example's name instead of a file (see /v1/catalogue).</summary>
    public string? Example { get; init; }

    /// <summary>The kind's options as a JSON object.</summary>
    public string? Options { get; init; }

    /// <summary>simulate: a chip image (JSON or binary).</summary>
    public Microsoft.AspNetCore.Http.IFormFile? Image { get; init; }

    /// <summary>run: an ONNX model.</summary>
    public Microsoft.AspNetCore.Http.IFormFile? Model { get; init; }

    /// <summary>map: a NetworkGraph JSON.</summary>
    public Microsoft.AspNetCore.Http.IFormFile? Graph { get; init; }
}
