namespace NeuroChip.Service.Storage;

/// <summary>One job row. <see cref="Summary"/> is a small JSON object the job kind chose to show in listings.</summary>
internal sealed record JobRecord
{
    public required string Id { get; init; }

    public required string KeyId { get; init; }

    public required string Kind { get; init; }

    public required JobState State { get; init; }

    public required string Options { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public int Attempts { get; init; }

    public double Progress { get; init; }

    public string? Message { get; init; }

    public string? Error { get; init; }

    public string? Summary { get; init; }

    public string? RunToken { get; init; }

    /// <summary>The owner asked this running job to stop (see <see cref="JobStore.TryRequestCancel"/>).</summary>
    public bool CancelRequested { get; init; }

    /// <summary>Bytes the submission stored in the job's input directory.</summary>
    public long InputBytes { get; init; }
}

/// <summary>A file a finished job produced, with its path relative to the data directory.</summary>
internal sealed record JobArtifact(string Name, string RelativePath, string ContentType, long Bytes);
