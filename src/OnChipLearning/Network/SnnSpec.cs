namespace NeuroChip.OnChipLearning.Network;

/// <summary>
/// A fully connected spiking network for on-chip learning: direct-encoded input (the analog sample at
/// every tick), LIF hidden layers in the "decay the state only" form with soft reset, and a
/// non-spiking linear readout o[t] = W_out·s_L[t]:
/// <code>
///   u[t] = λ·v[t−1] + W·s_in[t];   s[t] = u[t] &gt; θ;   v[t] = u[t] − θ·s[t]
/// </code>
/// with λ = 1 − 1/τ and θ = 1. No biases (as in the source documents' FC configurations).
/// </summary>
public sealed record SnnSpec
{
    public required int Inputs { get; init; }

    public required IReadOnlyList<int> Hidden { get; init; }

    public required int Outputs { get; init; }

    /// <summary>Ticks per sample.</summary>
    public int Timesteps { get; init; } = 6;

    /// <summary>Membrane time constant τ in ticks (λ = 1 − 1/τ); τ = 2 makes the leak a one-bit shift.</summary>
    public double Tau { get; init; } = 2;

    public double Lambda => 1 - (1 / Tau);

    /// <summary>Layer sizes from input to output.</summary>
    public int[] Sizes => [Inputs, .. Hidden, Outputs];

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Inputs < 1 || Outputs < 1 || Hidden.Count == 0 || Hidden.Any(h => h < 1))
        {
            errors.Add($"network {string.Join("-", Sizes)}: needs at least one input, one hidden layer and one output, all non-empty.");
        }

        if (Timesteps < 1 || Timesteps > 1000)
        {
            errors.Add($"timesteps {Timesteps}: must be in 1..1000.");
        }

        if (!(Tau >= 1))
        {
            errors.Add($"tau {Tau}: must be ≥ 1 (1 is IF without memory, larger leaks less).");
        }

        return errors;
    }

    public override string ToString() => string.Join("-", Sizes);
}
