using System.CommandLine;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Serialization;
using NeuroChip.OnChipLearning.Rules;
using NeuroChip.Pipeline.Continual;
using NeuroChip.Pipeline.Learning;
using NeuroChip.Pipeline.Reports;
using Spectre.Console;

namespace NeuroChip.Cli.Commands;

/// <summary><c>neurochip continual</c>: a task sequence trained with HLOP, unprotected, and all at once; the accuracy matrix, ACC and BWT.</summary>
internal static class ContinualCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "digits | fashion-mnist.", DefaultValueFactory = _ => "digits" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory with the Fashion-MNIST IDX files (default: the Debian package's)." };
        var sequence = new Option<string>("--sequence") { Description = "permuted (seeded pixel permutations) | split (classes per task).", DefaultValueFactory = _ => "split" };
        var tasks = new Option<int>("--tasks") { DefaultValueFactory = _ => 10, Description = "Number of permuted tasks." };
        var classesPerTask = new Option<int>("--classes-per-task") { DefaultValueFactory = _ => 2, Description = "Classes per split task." };
        var methods = new Option<string>("--methods") { DefaultValueFactory = _ => "hlop,sequential,multitask", Description = "Comma separated: hlop, sequential, multitask." };
        var credit = new Option<string>("--credit") { Description = "Base rule's credit assignment: spatial | dfa | opzo | zo.", DefaultValueFactory = _ => "spatial" };
        var hidden = new Option<string>("--hidden") { Description = "Hidden layer sizes, comma separated (the paper: 800,800).", DefaultValueFactory = _ => "100" };
        var epochs = new Option<int>("--epochs-per-task") { DefaultValueFactory = _ => 1, Description = "Passes over each task's training set." };
        var timesteps = new Option<int>("--timesteps") { DefaultValueFactory = _ => 6, Description = "Ticks per sample (T)." };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => 0.01, Description = "Learning rate η of the base rule." };
        var hlop = new HlopOptions();
        var output = new Option<string>("--out") { DefaultValueFactory = _ => "continual-out", Description = "Output directory for continual-report.json and continual-report.html." };
        var shared = new LearningRunOptions();
        var command = new Command("continual", "Learn a sequence of tasks with HLOP, unprotected, and all at once; report the accuracy matrix, ACC and BWT.")
        {
            dataset, dataDir, sequence, tasks, classesPerTask, methods, credit, hidden, epochs, timesteps, lr,  output,
        };
        hlop.AddTo(command);
        shared.AddTo(command);
        command.SetAction(parse => CliRunner.Run(() =>
        {
            string outDir = parse.GetValue(output)!;
            var options = new ContinualOptions
            {
                Dataset = parse.GetValue(dataset)!,
                DataDirectory = parse.GetValue(dataDir),
                Sequence = OptionParsing.Enum<TaskSequenceKind>("--sequence", parse.GetValue(sequence)!),
                Tasks = OptionParsing.Positive("--tasks", parse.GetValue(tasks)),
                ClassesPerTask = OptionParsing.Positive("--classes-per-task", parse.GetValue(classesPerTask)),
                Methods = parse.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(m => OptionParsing.Enum<ContinualMethod>("--methods", m)).ToList(),
                Hidden = OptionParsing.Integers("--hidden", parse.GetValue(hidden)!),
                EpochsPerTask = OptionParsing.Positive("--epochs-per-task", parse.GetValue(epochs)),
                Timesteps = parse.GetValue(timesteps),
                InitGain = parse.GetValue(shared.InitGain),
                TrainLimit = parse.GetValue(shared.TrainLimit),
                TestLimit = parse.GetValue(shared.TestLimit),
                Seed = parse.GetValue(shared.Seed),
                Precision = OptionParsing.Enum<LearningPrecision>("--precision", parse.GetValue(shared.Precision)!),
                Chip = parse.GetValue(shared.Chip)!,
                WeightBits = parse.GetValue(shared.WeightBits),
                Rule = new LearningRuleSpec
                {
                    Credit = OptionParsing.Credit(parse.GetValue(credit)!),
                    LearningRate = parse.GetValue(lr),
                    Seed = parse.GetValue(shared.Seed),
                },
                Hlop = hlop.Parse(parse, parse.GetValue(shared.Seed)),
            };
            Directory.CreateDirectory(outDir);
            string last = "";
            var progress = new Progress<(ContinualMethod Method, OnChipLearning.Continual.ContinualProgress P)>(p =>
            {
                string line = $"{p.Method.ToString().ToLowerInvariant()}: task {p.P.Task + 1}, epoch {p.P.Epoch}";
                if (line != last)
                {
                    last = line;
                    Console.WriteLine(line);
                }
            });
            ContinualReport report = ContinualRun.Run(options, progress);
            Json.WriteFile(Path.Combine(outDir, "continual-report.json"), report);
            AtomicFile.WriteAllText(Path.Combine(outDir, "continual-report.html"), LearningPages.Continual(report));
            var table = new Table().Title($"{Markup.Escape(report.Network)}, {report.TaskNames.Count} {options.Sequence.ToString().ToLowerInvariant()} {Markup.Escape(report.Dataset)} tasks")
                .AddColumns("method", "ACC", "BWT", "samples/s", "lateral neurons");
            foreach (ContinualMethodResult m in report.Results)
            {
                table.AddRow(m.Method.ToString(), $"{m.Acc:P2}", m.Bwt is { } b ? $"{b * 100:F2} pts" : "—", $"{m.SamplesPerSecond:F0}", m.LateralNeurons.ToString("N0"));
            }

            AnsiConsole.Write(table);
            foreach (ContinualMethodResult m in report.Results.Where(m => m.LateralMemoryBits > 0))
            {
                AnsiConsole.MarkupLine($"HLOP lateral neurons on the chip: {m.LateralMemoryBits / 8.0 / 1024:N0} KiB reserved (H {m.LateralSynapseBits / 8.0 / 1024:N0} KiB; network {m.NetworkSynapseBits / 8.0 / 1024:N0} KiB), {m.LateralEnergyPerSamplePj / 1e6:F3} µJ per training sample.");
            }

            AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(outDir)}[/]/continual-report.json and continual-report.html.");
            return 0;
        }));
        return command;
    }
}
