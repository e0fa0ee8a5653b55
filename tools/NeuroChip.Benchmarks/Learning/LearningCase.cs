using NeuroChip.OnChipLearning.Network;
using NeuroChip.OnChipLearning.Rules;

namespace NeuroChip.Benchmarks.Learning;

/// <summary>How a case's network learns: a feed-forward SNN, the same with HLOP's lateral neurons, or a feedback SNN.</summary>
internal enum LearningCaseKind
{
    Feedforward,
    Hlop,
    Feedback,
}

/// <summary>
/// One row of the benchmark: a rule on the Fashion-MNIST network. <see cref="Samples"/> is the timed slice,
/// the same for every precision and thread count of the case.
/// </summary>
internal sealed record LearningCase
{
    public required string Name { get; init; }

    public required LearningCaseKind Kind { get; init; }

    public required IReadOnlyList<int> Hidden { get; init; }

    public required int Timesteps { get; init; }

    public required LearningRuleSpec Rule { get; init; }

    public required int Samples { get; init; }

    /// <summary>SPIDE's backward (ternary) ticks.</summary>
    public int BackwardTimesteps { get; init; } = 100;

    /// <summary>HLOP's lateral neurons (the paper's schedule), laid out for two tasks: the timed slice is the second.</summary>
    public HlopSpec? Hlop { get; init; }

    /// <summary>The rule reads synapses in reverse (Wᵀ): spatial credit, GLSNN's top-layer target and SPIDE's backward phase.</summary>
    public bool NeedsReverseAccess => Kind == LearningCaseKind.Feedback || Rule.Rule == LearningRule.Glsnn || (Rule.Rule == LearningRule.Ottt && Rule.Credit == CreditAssignment.Spatial);

    public string Network(int inputs, int outputs) => Kind == LearningCaseKind.Feedback
        ? $"{inputs}-{Hidden[0]}(feedback)-{outputs}"
        : string.Join('-', new[] { inputs }.Concat(Hidden).Append(outputs));

    public SnnSpec Snn(int inputs, int outputs) => new() { Inputs = inputs, Hidden = Hidden, Outputs = outputs, Timesteps = Timesteps, Tau = 2 };

    public FeedbackSnnSpec FeedbackSnn(int inputs, int outputs) => new()
    {
        Inputs = inputs,
        Hidden = Hidden[0],
        Outputs = outputs,
        Timesteps = Timesteps,
        BackwardTimesteps = BackwardTimesteps,
    };

    public EquilibriumSpec Equilibrium() => new() { Rule = LearningRule.Spide, LearningRate = Rule.LearningRate, Seed = Rule.Seed };

    /// <summary>
    /// The cases, with <c>neurochip train</c>'s defaults (η = 0.01, α = 0.3, λ_M = 0.999, seed 1):
    /// 784-800-10 at T = 6, τ = 2 with OTTT_A and spatial, DFA, OPZO (noise on the membrane, and on the activity with
    /// α = 6/64: graded hidden spikes every tick) and zeroth-order credit; GLSNN on
    /// 784-800-800-800-10 at T = 10; OTTT spatial with HLOP's lateral neurons; SPIDE on a 400-neuron feedback layer
    /// (T = 30, T_b = 100, as the float accuracy run). GLSNN and SPIDE are two to three times slower per sample on the
    /// chip, so they time half the slice.
    /// </summary>
    public static IReadOnlyList<LearningCase> All(int samples)
    {
        LearningCase Ottt(string name, CreditAssignment credit, NoisePosition position = NoisePosition.Membrane, double noise = 0.3) => new()
        {
            Name = name,
            Kind = LearningCaseKind.Feedforward,
            Hidden = [800],
            Timesteps = 6,
            Rule = new LearningRuleSpec { Rule = LearningRule.Ottt, Credit = credit, Schedule = OtttSchedule.PerSample, NoisePosition = position, NoiseScale = noise, FeedbackMomentum = 0.999, Seed = 1 },
            Samples = samples,
        };

        return
        [
            Ottt("ottt-spatial", CreditAssignment.Spatial),
            Ottt("dfa", CreditAssignment.Dfa),
            Ottt("opzo", CreditAssignment.Opzo),
            Ottt("opzo-activity", CreditAssignment.Opzo, NoisePosition.Activity, noise: 0.09375),
            Ottt("zo", CreditAssignment.ZerothOrder),
            new LearningCase
            {
                Name = "glsnn",
                Kind = LearningCaseKind.Feedforward,
                Hidden = [800, 800, 800],
                Timesteps = 10,
                Rule = new LearningRuleSpec { Rule = LearningRule.Glsnn, Credit = CreditAssignment.Dfa, Seed = 1 },
                Samples = Math.Max(1, samples / 2),
            },
            Ottt("hlop", CreditAssignment.Spatial) with { Kind = LearningCaseKind.Hlop, Hlop = new HlopSpec { Seed = 1 } },
            new LearningCase
            {
                Name = "spide",
                Kind = LearningCaseKind.Feedback,
                Hidden = [400],
                Timesteps = 30,
                Rule = new LearningRuleSpec { Rule = LearningRule.Spide, Seed = 1 },
                Samples = Math.Max(1, samples / 2),
            },
        ];
    }
}
