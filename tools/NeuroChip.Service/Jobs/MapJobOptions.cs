namespace NeuroChip.Service.Jobs;

/// <summary>
/// Options of a <c>map</c> job, as the client sends them in the <c>options</c> form field:
/// <c>{"chip": "nc-ref", "weightBits": 4, "seed": 1}</c> — the flags of <c>neurochip map</c> (chip presets only).
/// </summary>
internal sealed record MapJobOptions
{
    public string Chip { get; init; } = "nc-ref";

    /// <summary>Signed weight mantissa width, 1 to 8; null = the chip's width.</summary>
    public int? WeightBits { get; init; }

    public int Seed { get; init; } = 1;
}

/// <summary>What a prepared map job stores as its options; the graph lives in the job's input directory.</summary>
internal sealed record MapJobSettings(string Chip, int? WeightBits, int Seed, string GraphFile, string GraphName, long Neurons);
