namespace NeuroChip.OnChipLearning.Rules;

/// <summary>
/// Training settings of a feedback SNN on its equilibrium (IDE and SPIDE). The backward phase carries β in ternary
/// spikes of magnitude c_b, so the error it is given is scaled first: by <see cref="LossScale"/>, or — when that is 0 —
/// by the power of two that brings max|∂L/∂a*| into (c_b/4, c_b/2] (an exponent the learning controller picks per
/// sample); the update divides the scale out again.
/// </summary>
public sealed record EquilibriumSpec
{
    /// <summary>Ide (numerical fixed point for both a* and β) or Spide (two spiking phases).</summary>
    public LearningRule Rule { get; init; } = LearningRule.Spide;

    public double LearningRate { get; init; } = 0.01;

    public double Momentum { get; init; }

    public double WeightDecay { get; init; }

    /// <summary>Fixed-point iterations of the IDE reference (a* and β).</summary>
    public int SolverIterations { get; init; } = 30;

    /// <summary>Upper bound of ‖W‖_F after every update (keeps the feedback a contraction); 0 disables it.</summary>
    public double FeedbackNormBound { get; init; } = 1;

    /// <summary>Fixed loss scale, or 0 for the per-sample power-of-two scale.</summary>
    public double LossScale { get; init; }

    public int Seed { get; init; } = 1;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Rule is not (LearningRule.Ide or LearningRule.Spide))
        {
            errors.Add($"rule {Rule}: a feedback network trains with ide or spide.");
        }

        if (!(LearningRate > 0 && LearningRate < 100))
        {
            errors.Add($"learning rate {LearningRate}: must be in (0, 100).");
        }

        if (!(Momentum >= 0 && Momentum < 1) || !(WeightDecay >= 0 && WeightDecay < 1))
        {
            errors.Add($"momentum {Momentum} and weight decay {WeightDecay}: each must be in [0, 1).");
        }

        if (SolverIterations < 1 || !(FeedbackNormBound >= 0) || !(LossScale >= 0))
        {
            errors.Add($"solver iterations {SolverIterations} (≥ 1), norm bound {FeedbackNormBound} (≥ 0) and loss scale {LossScale} (≥ 0).");
        }

        return errors;
    }
}
