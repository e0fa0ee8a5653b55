namespace NeuroChip.OnChipLearning.Rules;

/// <summary>Which local rule updates the weights.</summary>
public enum LearningRule
{
    /// <summary>Online training through time: ΔW = −η · â_pre · ψ(u_post − θ) · g_post, every tick or once per sample.</summary>
    Ottt,

    /// <summary>Global feedback alignment + local plasticity: rate targets from random feedback of the output error, one update per sample.</summary>
    Glsnn,

    /// <summary>
    /// Implicit differentiation on the equilibrium of a feedback SNN: β = (D·W)ᵀ·β + ∂L/∂a* solved numerically (the
    /// float reference of <see cref="Spide"/>).
    /// </summary>
    Ide,

    /// <summary>
    /// Spiking implicit differentiation on the equilibrium: a second, ternary spiking phase through Wᵀ estimates β;
    /// the update uses the two phases' rates and the 1-bit mask.
    /// </summary>
    Spide,
}

/// <summary>When OTTT applies its updates.</summary>
public enum OtttSchedule
{
    /// <summary>OTTT_O: apply after every tick.</summary>
    PerTick,

    /// <summary>OTTT_A: accumulate over the sample's ticks, then apply once.</summary>
    PerSample,
}

/// <summary>How the output error reaches a hidden layer (the third factor's path).</summary>
public enum CreditAssignment
{
    /// <summary>Backward through the transposed forward weights (needs weight transport; the reference).</summary>
    Spatial,

    /// <summary>Direct feedback alignment: a fixed random matrix generated from a seed.</summary>
    Dfa,

    /// <summary>Online pseudo-zeroth-order: node-perturbation noise and momentum-averaged feedback matrices M ← λ_M·M + (1 − λ_M)·z·õᵀ/α; g = M·e.</summary>
    Opzo,

    /// <summary>Plain single-point zeroth order: g = z · ℓ / α (the baseline OPZO beats).</summary>
    ZerothOrder,
}

/// <summary>Where OPZO and zeroth order inject their node-perturbation noise α·z.</summary>
public enum NoisePosition
{
    /// <summary>On the membrane potential before the threshold: the estimate includes the spike nonlinearity.</summary>
    Membrane,

    /// <summary>On the post-spike activity the next layer receives (s + α·z): the neuron's own spikes stay clean.</summary>
    Activity,
}

/// <summary>
/// What a learning run asks for. Immutable; validated on construction by <see cref="Validate"/>.
/// Defaults follow the source documents (OTTT: γ = 0.05, surrogate α = 4; GLSNN: η_t = 0.4).
/// </summary>
public sealed record LearningRuleSpec
{
    public LearningRule Rule { get; init; } = LearningRule.Ottt;

    public OtttSchedule Schedule { get; init; } = OtttSchedule.PerSample;

    public CreditAssignment Credit { get; init; } = CreditAssignment.Spatial;

    /// <summary>Learning rate η.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>SGD momentum on the per-sample update (0 = plain SGD; on chip only 0 is supported).</summary>
    public double Momentum { get; init; }

    /// <summary>Weight of MSE in the instantaneous loss (1 − γ)·CE + γ·MSE.</summary>
    public double Gamma { get; init; } = 0.05;

    /// <summary>Steepness α of the sigmoid surrogate ψ(x) = α·σ(αx)·(1 − σ(αx)).</summary>
    public double SurrogateAlpha { get; init; } = 4;

    /// <summary>Node-perturbation noise scale α (OPZO, zeroth order and <see cref="ForwardNoise"/>), in threshold units.</summary>
    public double NoiseScale { get; init; } = 0.1;

    /// <summary>Where the node-perturbation noise goes (OPZO, zeroth order and <see cref="ForwardNoise"/>).</summary>
    public NoisePosition NoisePosition { get; init; } = NoisePosition.Membrane;

    /// <summary>
    /// Inject the node-perturbation noise α·z (at <see cref="NoisePosition"/>, antithetic ticks) in the forward pass
    /// with spatial or DFA credit too: OPZO's control experiment, the same noisy forward pass with exact or fixed
    /// feedback. Float reference only; OPZO and zeroth order always perturb.
    /// </summary>
    public bool ForwardNoise { get; init; }

    /// <summary>Momentum λ_M of OPZO's feedback matrices.</summary>
    public double FeedbackMomentum { get; init; } = 0.99;

    /// <summary>
    /// Momentum λ_b of OPZO's output baseline (<see cref="Training.OutputBaseline"/>): a running mean of the readout
    /// per label and tick subtracted from õ in the feedback estimate. 0 = no baseline (the plain single-point estimate).
    /// </summary>
    public double FeedbackBaseline { get; init; }

    /// <summary>GLSNN's step η_t for the last hidden layer's target.</summary>
    public double TargetStep { get; init; } = 0.4;

    public int Seed { get; init; } = 1;

    /// <summary>The messages of every invalid field (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(LearningRate > 0 && LearningRate < 100))
        {
            errors.Add($"learning rate {LearningRate}: must be in (0, 100).");
        }

        if (!(Momentum >= 0 && Momentum < 1))
        {
            errors.Add($"momentum {Momentum}: must be in [0, 1).");
        }

        if (!(Gamma >= 0 && Gamma <= 1))
        {
            errors.Add($"gamma {Gamma}: must be in [0, 1].");
        }

        if (!(NoiseScale > 0 && NoiseScale <= 10))
        {
            errors.Add($"noise scale {NoiseScale}: must be in (0, 10].");
        }

        if (!(FeedbackMomentum >= 0 && FeedbackMomentum < 1))
        {
            errors.Add($"feedback momentum {FeedbackMomentum}: must be in [0, 1).");
        }

        if (!(FeedbackBaseline >= 0 && FeedbackBaseline < 1))
        {
            errors.Add($"feedback baseline momentum {FeedbackBaseline}: must be in [0, 1) (0 = no baseline).");
        }

        if (ForwardNoise && Rule != LearningRule.Ottt)
        {
            errors.Add($"forward noise perturbs OTTT's forward pass; rule {Rule} has no such option. Drop --forward-noise.");
        }

        if (Rule == LearningRule.Glsnn && Credit != CreditAssignment.Dfa)
        {
            errors.Add($"GLSNN uses random (DFA-style) feedback by definition; credit assignment {Credit} does not apply. Use --credit dfa.");
        }

        return errors;
    }
}
