using System.Text.Json;
using NeuroChip.Service.Storage;

namespace NeuroChip.Service.Api;

/// <summary>A job as the API shows it, with links to its progress stream, artifacts and cancellation.</summary>
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
            artifacts.Select(a => new ArtifactResponse(a.Name, a.ContentType, a.Bytes, $"{self}/artifacts/{a.Name}")).ToList(),
            new JobLinks(self, $"{self}/events", $"{self}/artifacts", $"{self}/cancel"));
    }
}

internal sealed record ArtifactResponse(string Name, string ContentType, long Bytes, string Href);

internal sealed record JobLinks(string Self, string Events, string Artifacts, string Cancel);

internal sealed record JobListResponse(IReadOnlyList<JobResponse> Jobs);

internal sealed record KindResponse(string Name, string Description);

internal sealed record ExampleResponse(string Name, string Kind, string Description, int DefaultTicks);

internal sealed record CatalogueResponse(IReadOnlyList<KindResponse> Kinds, IReadOnlyList<ExampleResponse> Examples);

internal sealed record HealthResponse(string Status, int QueuedJobs, int QueueCapacity, int Workers);

/// <summary>The multipart form of a submission (documented in the OpenAPI description).</summary>
internal sealed record JobForm(string? Kind, string? Example, string? Options, Microsoft.AspNetCore.Http.IFormFile? Image);
