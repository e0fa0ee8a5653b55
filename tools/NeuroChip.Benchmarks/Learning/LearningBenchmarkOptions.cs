using System.Globalization;
using NeuroChip.EventSim;

namespace NeuroChip.Benchmarks.Learning;

/// <summary>
/// Command-line options of <c>learning</c>:
/// <c>[--samples N] [--repeat K] [--warm-up W] [--chip NAME] [--weight-bits B] [--cases a,b] [--data-dir DIR] [--out FILE]</c>.
/// </summary>
internal sealed record LearningBenchmarkOptions
{
    public const string Usage =
        "usage: learning [--samples N] [--repeat K] [--warm-up W] [--chip NAME] [--weight-bits B] [--cases ottt-spatial,dfa,opzo,opzo-activity,zo,glsnn,hlop,spide] [--data-dir DIR] [--out FILE]";

    /// <summary>Training samples per timed repetition of the 784-800-10 cases (GLSNN and SPIDE take a fraction, see <see cref="LearningCase"/>).</summary>
    public int Samples { get; init; } = 512;

    /// <summary>Timed repetitions per precision and thread count (the median is reported).</summary>
    public int Repeat { get; init; } = 3;

    /// <summary>Samples trained before timing (HLOP's first task: a multiple of its batch lets the lateral loop run).</summary>
    public int WarmUp { get; init; } = 128;

    public string Chip { get; init; } = "nc-ref";

    /// <summary>Plastic weight width on the chip: nc-ref stores 8-bit learning weights.</summary>
    public int WeightBits { get; init; } = 8;

    /// <summary>Cases to run, by name; all when empty.</summary>
    public IReadOnlyList<string> Cases { get; init; } = [];

    public string? DataDirectory { get; init; }

    public string Out { get; init; } = "docs/results/learning-throughput.json";

    public static LearningBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LearningBenchmarkOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            options = arg switch
            {
                "--samples" => options with { Samples = Positive(args, ++i, arg) },
                "--repeat" => options with { Repeat = Positive(args, ++i, arg) },
                "--warm-up" => options with { WarmUp = Positive(args, ++i, arg) },
                "--chip" => options with { Chip = Text(args, ++i, arg) },
                "--weight-bits" => options with { WeightBits = Positive(args, ++i, arg) },
                "--cases" => options with { Cases = Text(args, ++i, arg).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--data-dir" => options with { DataDirectory = Text(args, ++i, arg) },
                "--out" => options with { Out = Text(args, ++i, arg) },
                _ => throw new UserInputException($"learning: unknown argument '{arg}'. {Usage}"),
            };
        }

        return options;
    }

    private static string Text(IReadOnlyList<string> args, int at, string name) =>
        at < args.Count ? args[at] : throw new UserInputException($"learning: {name} needs a value. {Usage}");

    private static int Positive(IReadOnlyList<string> args, int at, string name)
    {
        string text = Text(args, at, name);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 1
            ? value
            : throw new UserInputException($"learning: {name} '{text}' must be a whole number of at least 1. {Usage}");
    }
}
