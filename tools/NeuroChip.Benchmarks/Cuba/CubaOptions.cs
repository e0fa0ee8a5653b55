using System.Globalization;
using NeuroChip.EventSim;

namespace NeuroChip.Benchmarks.Cuba;

/// <summary>Command-line options of <c>cuba</c>: <c>[--neurons N] [--p P] [--chip PRESET|FILE] [--threads N] [--repeat K] [--seed S] [--json] [--breakdown]</c>.</summary>
internal sealed record CubaOptions
{
    public const string Usage = "usage: cuba [--neurons N] [--p P] [--chip PRESET|FILE] [--threads N] [--repeat K] [--seed S] [--json] [--breakdown]";

    /// <summary>Network size; 80 % of the neurons are excitatory. 4,000 (p = 0.02) and 40,000 (p = 0.002) are the two sizes measured.</summary>
    public int Neurons { get; init; } = 4000;

    /// <summary>Connection probability; keep N·p = 80 so that the weights of the classic network stay right.</summary>
    public double ConnectionProbability { get; init; } = 0.02;

    /// <summary>Chip preset or spec file (nc-ref holds the 4,000-neuron network; 40,000 need nc-ref-x8).</summary>
    public string Chip { get; init; } = "nc-ref";

    /// <summary>Thread counts to measure; 1 and 2 unless <c>--threads</c> names one.</summary>
    public IReadOnlyList<int> Threads { get; init; } = [1, 2];

    /// <summary>Timed runs per thread count (the median is reported).</summary>
    public int Repeat { get; init; } = 7;

    public int Seed { get; init; } = 1234;

    /// <summary>Print one JSON object instead of the table.</summary>
    public bool Json { get; init; }

    /// <summary>Also print where the 1-thread loop's time goes (<see cref="CubaBreakdown"/>).</summary>
    public bool Breakdown { get; init; }

    public static CubaOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CubaOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--neurons":
                    options = options with { Neurons = Positive(args, ++i, arg) };
                    break;
                case "--p":
                    options = options with { ConnectionProbability = Probability(args, ++i, arg) };
                    break;
                case "--chip":
                    options = options with { Chip = ++i < args.Count ? args[i] : throw new UserInputException($"cuba: --chip needs a preset name or a file. {Usage}") };
                    break;
                case "--threads":
                    options = options with { Threads = [Positive(args, ++i, arg)] };
                    break;
                case "--repeat":
                    options = options with { Repeat = Positive(args, ++i, arg) };
                    break;
                case "--seed":
                    options = options with { Seed = Integer(args, ++i, arg) };
                    break;
                case "--breakdown":
                    options = options with { Breakdown = true };
                    break;
                case "--json":
                    options = options with { Json = true };
                    break;
                default:
                    throw new UserInputException($"cuba: unknown argument '{arg}'. {Usage}");
            }
        }

        return options;
    }

    private static int Positive(IReadOnlyList<string> args, int at, string name)
    {
        int value = Integer(args, at, name);
        return value >= 1 ? value : throw new UserInputException($"cuba: {name} = {value}, but it must be at least 1. {Usage}");
    }

    private static double Probability(IReadOnlyList<string> args, int at, string name) =>
        at < args.Count && double.TryParse(args[at], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && value < 1
            ? value
            : throw new UserInputException($"cuba: {name} needs a probability strictly between 0 and 1. {Usage}");

    private static int Integer(IReadOnlyList<string> args, int at, string name) =>
        at < args.Count && int.TryParse(args[at], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new UserInputException($"cuba: {name} needs an integer value. {Usage}");
}
