namespace NeuroChip.OnChipLearning.Network;

/// <summary>
/// A feedback SNN trained on its equilibrium (IDE, SPIDE): the input enters a hidden layer of n IF neurons through F,
/// the hidden spikes feed back through W (n × n), and a linear readout reads the hidden rates. Forward neurons fire
/// when u ≥ V_th and subtract V_th − u_rest = 2·V_th (u_rest = −V_th, the rounding offset), so the average rates
/// approach the equilibrium
/// <code>
///   a* = clamp((W·a* + F·x) / c, 0, 1),   c = 2·V_th
/// </code>
/// Backward neurons are ternary: s_b = +c_b if v_b ≥ V_th_b, −c_b if v_b ≤ −V_th_b, else 0, with c_b = 2·V_th_b.
/// Defaults are SPIDE's: T = 30, T_b = 100, V_th = 1, V_th_b = 0.5.
/// </summary>
public sealed record FeedbackSnnSpec
{
    public required int Inputs { get; init; }

    public required int Hidden { get; init; }

    public required int Outputs { get; init; }

    /// <summary>Forward ticks T.</summary>
    public int Timesteps { get; init; } = 30;

    /// <summary>Backward (ternary) ticks T_b.</summary>
    public int BackwardTimesteps { get; init; } = 100;

    public double Threshold { get; init; } = 1;

    public double BackwardThreshold { get; init; } = 0.5;

    /// <summary>c = V_th − u_rest = 2·V_th: the spike's subtraction and the equilibrium's divisor.</summary>
    public double Reset => 2 * Threshold;

    /// <summary>c_b = 2·V_th_b, the magnitude of a backward spike (the largest |β| the backward phase can carry).</summary>
    public double BackwardReset => 2 * BackwardThreshold;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Inputs < 1 || Hidden < 1 || Outputs < 2)
        {
            errors.Add($"feedback network {Inputs}-{Hidden}-{Outputs}: needs inputs, a hidden layer and at least two outputs.");
        }

        if (Timesteps < 1 || Timesteps > 10_000 || BackwardTimesteps < 1 || BackwardTimesteps > 10_000)
        {
            errors.Add($"timesteps {Timesteps} forward, {BackwardTimesteps} backward: each must be in 1..10000.");
        }

        if (!(Threshold > 0) || !(BackwardThreshold > 0))
        {
            errors.Add($"thresholds V_th = {Threshold}, V_th_b = {BackwardThreshold}: both must be positive.");
        }

        return errors;
    }

    public override string ToString() => $"{Inputs}-{Hidden}(feedback)-{Outputs}";
}
