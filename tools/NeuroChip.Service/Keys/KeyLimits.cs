namespace NeuroChip.Service.Keys;

/// <summary>
/// What one API key may ask of the service. Checked at submission: uploads over
/// <see cref="MaxUploadBytes"/> get 413, images over <see cref="MaxNeurons"/> or runs over
/// <see cref="MaxTicks"/> get 422, and a key with <see cref="MaxConcurrentJobs"/> jobs queued or
/// running gets 429 until one finishes.
/// </summary>
public sealed record KeyLimits
{
    public static KeyLimits Default { get; } = new();

    public long MaxUploadBytes { get; init; } = 8L * 1024 * 1024;

    public int MaxNeurons { get; init; } = 131_072;

    public int MaxTicks { get; init; } = 100_000;

    public int MaxConcurrentJobs { get; init; } = 16;

    /// <summary>The first problem with these limits, naming the option, or null when they are usable.</summary>
    public string? Problem() =>
        MaxUploadBytes < 1024 ? $"--max-upload-bytes {MaxUploadBytes}: allow at least 1024 bytes."
        : MaxNeurons < 1 ? $"--max-neurons {MaxNeurons}: allow at least 1 neuron."
        : MaxTicks < 1 ? $"--max-ticks {MaxTicks}: allow at least 1 tick."
        : MaxConcurrentJobs < 1 ? $"--max-concurrent-jobs {MaxConcurrentJobs}: allow at least 1 job."
        : null;
}
