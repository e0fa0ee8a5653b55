using System.Globalization;
using NeuroChip.EventSim;

namespace NeuroChip.Benchmarks.Cuba;

/// <summary>Command-line options of <c>cuba</c>: <c>[--threads N] [--repeat K] [--seed S] [--json] [--breakdown]</c>.</summary>
internal sealed record CubaOptions
{
    public const string Usage = "usage: cuba [--threads N] [--repeat K] [--seed S] [--json] [--breakdown]";

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

    private static int Integer(IReadOnlyList<string> args, int at, string name) =>
        at < args.Count && int.TryParse(args[at], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new UserInputException($"cuba: {name} needs an integer value. {Usage}");
}
