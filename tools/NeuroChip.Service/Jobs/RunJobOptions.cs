namespace NeuroChip.Service.Jobs;

/// <summary>
/// Options of a <c>run</c> job, as the client sends them in the <c>options</c> form field:
/// <c>{"dataset": "digits", "timesteps": [8, 16, 32], "conversion": "light", "chip": "nc-ref", "seed": 1, "limit": 50, "threads": 1, "epochs": 30}</c>.
/// Every field is optional; the defaults are those of <c>neurochip run</c> except <c>threads</c> (1).
/// <c>epochs</c> applies only to the built-in example, whose network is trained on the server.
/// </summary>
internal sealed record RunJobOptions
{
    public const int MaxThreads = 4;
    public const int MaxEpochs = 100;

    public string Dataset { get; init; } = "digits";

    public IReadOnlyList<int> Timesteps { get; init; } = [8, 16, 32];

    public string Conversion { get; init; } = "light";

    public string Chip { get; init; } = "nc-ref";

    public int Seed { get; init; } = 1;

    /// <summary>Test samples to evaluate; 0 = the whole test split.</summary>
    public int Limit { get; init; }

    public int Threads { get; init; } = 1;

    public int? Epochs { get; init; }
}

/// <summary>What a prepared run job stores as its options; the uploaded model (if any) lives in the job's input directory as <see cref="ModelFile"/>.</summary>
internal sealed record RunJobSettings(
    string Dataset,
    IReadOnlyList<int> Timesteps,
    string Conversion,
    string Chip,
    int Seed,
    int Limit,
    int Threads,
    int? Epochs,
    string? ModelFile,
    string? Example,
    int TestSamples,
    long Ticks,
    long ChipNeurons);
