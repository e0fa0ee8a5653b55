using System.CommandLine;

namespace NeuroChip.Cli.Commands;

/// <summary>The options that <c>train</c> and <c>continual</c> share: where the learning runs, initial weights, data limits, the seed.</summary>
internal sealed class LearningRunOptions
{
    public Option<string> Precision { get; } = new("--precision") { DefaultValueFactory = _ => "float", Description = "float (reference) | chip (fixed point on the event engine)." };

    public Option<string> Chip { get; } = new("--chip") { DefaultValueFactory = _ => "nc-learn", Description = "Chip preset or spec file (with --precision chip)." };

    public Option<int> WeightBits { get; } = new("--weight-bits") { DefaultValueFactory = _ => 16, Description = "Plastic weight mantissa width on the chip." };

    public Option<float> InitGain { get; } = new("--init-gain") { DefaultValueFactory = _ => 1f, Description = "Initial weights uniform in ±gain/√fan-in." };

    public Option<int> TrainLimit { get; } = new("--train-limit") { DefaultValueFactory = _ => 0, Description = "Use only the first N training samples (0 = all)." };

    public Option<int> TestLimit { get; } = new("--test-limit") { DefaultValueFactory = _ => 0, Description = "Use only the first N test samples (0 = all)." };

    public Option<int> Seed { get; } = new("--seed") { DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Precision, Chip, WeightBits, InitGain, TrainLimit, TestLimit, Seed })
        {
            command.Options.Add(option);
        }
    }
}
