using System.CommandLine;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Serialization;
using NeuroChip.OnChipLearning.Rules;
using NeuroChip.Pipeline.Learning;
using NeuroChip.Pipeline.Reports;
using Spectre.Console;

namespace NeuroChip.Cli.Commands;

/// <summary><c>neurochip train</c>: on-chip learning with a local rule, in float or in the chip's fixed point.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var rule = new Option<string>("--rule") { Description = "Learning rule: ottt | glsnn | hlop (OTTT with HLOP's lateral subspace neurons, float or chip) | ide | spide (feedback network of the first hidden size).", DefaultValueFactory = _ => "ottt" };
        var credit = new Option<string>("--credit") { Description = "Credit assignment for hidden layers: spatial (needs weight transport) | dfa | opzo | zo.", DefaultValueFactory = _ => "spatial" };
        var schedule = new Option<string>("--schedule") { Description = "OTTT schedule: per-sample (OTTT_A) | per-tick (OTTT_O).", DefaultValueFactory = _ => "per-sample" };
        var dataset = new Option<string>("--dataset") { Description = "digits | fashion-mnist.", DefaultValueFactory = _ => "digits" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory with the Fashion-MNIST IDX files (default: the Debian package's)." };
        var hidden = new Option<string>("--hidden") { Description = "Hidden layer sizes, comma separated (e.g. 800 or 800,800,800).", DefaultValueFactory = _ => "100" };
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 3, Description = "Passes over the training set." };
        var timesteps = new Option<int>("--timesteps") { DefaultValueFactory = _ => 6, Description = "Ticks per sample (T)." };
        var tau = new Option<double>("--tau") { DefaultValueFactory = _ => 2, Description = "Membrane time constant in ticks (λ = 1 − 1/τ)." };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => 0.01, Description = "Learning rate η." };
        var momentum = new Option<double>("--momentum") { DefaultValueFactory = _ => 0, Description = "SGD momentum (float precision only)." };
        var noise = new Option<double>("--noise") { DefaultValueFactory = _ => 0.3, Description = "Node-perturbation scale α for opzo, zo and --forward-noise (threshold units)." };
        var noisePosition = new Option<string>("--noise-position") { DefaultValueFactory = _ => "membrane", Description = "Where opzo, zo and --forward-noise inject noise: membrane (before the threshold) | activity (the post-spike output the next layer sees; on the chip the hidden neurons send graded spikes s + α·z, α in steps of 1/64)." };
        var forwardNoise = new Option<bool>("--forward-noise") { Description = "Also perturb the forward pass (--noise, --noise-position, antithetic ticks) with spatial or dfa credit: OPZO's control experiment (float only)." };
        var feedbackMomentum = new Option<double>("--feedback-momentum") { DefaultValueFactory = _ => 0.999, Description = "OPZO's λ_M." };
        var feedbackBaseline = new Option<double>("--feedback-baseline") { DefaultValueFactory = _ => 0, Description = "OPZO's output baseline: momentum λ_b of a running mean of the readout per label and tick, subtracted from õ in the feedback estimate (0 = none)." };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 1, Description = "Most event-engine worker threads with --precision chip (small networks use fewer; the weights learned are the same)." };
        var cosine = new Option<bool>("--cosine") { Description = "Anneal the learning rate with a cosine over the epochs." };
        var backward = new Option<int>("--backward-timesteps") { DefaultValueFactory = _ => 100, Description = "SPIDE's backward (ternary) ticks T_b." };
        var hlop = new HlopOptions();
        var output = new Option<string>("--out") { DefaultValueFactory = _ => "train-out", Description = "Output directory for learning-report.json, learning-report.html and the trained image." };

        var shared = new LearningRunOptions();
        var command = new Command("train", "Train a spiking network with a local learning rule (OTTT, OPZO, DFA, zeroth order, GLSNN), in float or on the chip.")
        {
            rule, credit, schedule, dataset, dataDir, hidden, epochs, timesteps, tau, lr, momentum, noise, noisePosition, forwardNoise, feedbackMomentum, feedbackBaseline,  threads, cosine, backward, output,
        };
        hlop.AddTo(command);
        shared.AddTo(command);
        command.SetAction(parse => CliRunner.Run(() =>
        {
            string outDir = parse.GetValue(output)!;
            string ruleName = parse.GetValue(rule)!;
            bool withHlop = ruleName.Equals("hlop", StringComparison.OrdinalIgnoreCase);
            var options = new TrainOptions
            {
                Dataset = parse.GetValue(dataset)!,
                DataDirectory = parse.GetValue(dataDir),
                Hidden = ParseSizes(parse.GetValue(hidden)!),
                Epochs = OptionParsing.Positive("--epochs", parse.GetValue(epochs)),
                Timesteps = parse.GetValue(timesteps),
                Tau = parse.GetValue(tau),
                Precision = OptionParsing.Enum<LearningPrecision>("--precision", parse.GetValue(shared.Precision)!),
                Chip = parse.GetValue(shared.Chip)!,
                WeightBits = parse.GetValue(shared.WeightBits),
                Threads = OptionParsing.Positive("--threads", parse.GetValue(threads)),
                InitGain = parse.GetValue(shared.InitGain),
                TrainLimit = parse.GetValue(shared.TrainLimit),
                TestLimit = parse.GetValue(shared.TestLimit),
                Seed = parse.GetValue(shared.Seed),
                CosineSchedule = parse.GetValue(cosine),
                BackwardTimesteps = parse.GetValue(backward),
                Hlop = withHlop ? hlop.Parse(parse, parse.GetValue(shared.Seed)) : null,
                Rule = new LearningRuleSpec
                {
                    Rule = withHlop ? LearningRule.Ottt : OptionParsing.Enum<LearningRule>("--rule", ruleName),
                    Credit = OptionParsing.Credit(parse.GetValue(credit)!),
                    Schedule = OptionParsing.Enum<OtttSchedule>("--schedule", parse.GetValue(schedule)!.Replace("-", "", StringComparison.Ordinal)),
                    LearningRate = parse.GetValue(lr),
                    Momentum = parse.GetValue(momentum),
                    NoiseScale = parse.GetValue(noise),
                    NoisePosition = OptionParsing.Enum<NoisePosition>("--noise-position", parse.GetValue(noisePosition)!),
                    ForwardNoise = parse.GetValue(forwardNoise),
                    FeedbackMomentum = parse.GetValue(feedbackMomentum),
                    FeedbackBaseline = parse.GetValue(feedbackBaseline),
                    Seed = parse.GetValue(shared.Seed),
                },
            };
            Directory.CreateDirectory(outDir);
            LearningReport report;
            EventSim.Model.ChipImage image;
            if (AnsiConsole.Profile.Capabilities.Interactive)
            {
                (report, image) = RunWithProgressBars(options);
            }
            else
            {
                int lastEpoch = 0;
                var progress = new Progress<(int Epoch, int Done, int Total)>(p =>
                {
                    if (p.Epoch != lastEpoch)
                    {
                        lastEpoch = p.Epoch;
                        Console.WriteLine($"epoch {p.Epoch}/{options.Epochs} started");
                    }
                });
                (report, image) = LearningRun.Run(options, progress);
            }

            string imagePath = Path.Combine(outDir, "trained.ncimg");
            if (image.Cores.Count > 0)
            {
                ChipImageFile.Write(imagePath, image);
                report = report with { ImageFile = Path.GetFileName(imagePath) };
            }

            Json.WriteFile(Path.Combine(outDir, "learning-report.json"), report);
            AtomicFile.WriteAllText(Path.Combine(outDir, "learning-report.html"), LearningPages.Learning(report));
            Print(report);
            AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(outDir)}[/]/learning-report.json, learning-report.html{(report.ImageFile is null ? "" : " and trained.ncimg")}.");
            return 0;
        }));
        return command;
    }

    private static (LearningReport Report, EventSim.Model.ChipImage Image) RunWithProgressBars(TrainOptions options)
    {
        (LearningReport, EventSim.Model.ChipImage) result = default;
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var tasks = Enumerable.Range(1, options.Epochs).Select(e => ctx.AddTask($"epoch {e}", autoStart: false)).ToArray();
                var progress = new Progress<(int Epoch, int Done, int Total)>(p =>
                {
                    var task = tasks[p.Epoch - 1];
                    task.StartTask();
                    task.MaxValue = p.Total;
                    task.Value = p.Done;
                    for (int e = 0; e < p.Epoch - 1; e++)
                    {
                        tasks[e].Value = tasks[e].MaxValue;
                    }
                });
                result = LearningRun.Run(options, progress);
                foreach (var task in tasks)
                {
                    task.Value = task.MaxValue;
                }
            });
        return result;
    }

    private static void Print(LearningReport r)
    {
        var table = new Table().Title($"{Markup.Escape(r.Network)} on {Markup.Escape(r.Dataset)}: {r.Options.Rule.Rule} / {r.Options.Rule.Credit} ({r.Options.Precision})")
            .AddColumns("epoch", "train acc", "test acc", "seconds", "samples/s");
        bool aligned = r.Epochs.Any(e => e.FeedbackAlignment is not null);
        if (aligned)
        {
            table.AddColumn("alignment");
        }

        foreach (var e in r.Epochs)
        {
            string[] cells = [e.Epoch.ToString(), $"{e.TrainAccuracy:P2}", $"{e.TestAccuracy:P2}", $"{e.Seconds:F1}", $"{e.SamplesPerSecond:F0}"];
            table.AddRow(aligned ? [.. cells, $"{e.FeedbackAlignment:F3}"] : cells);
        }

        AnsiConsole.Write(table);
        if (r.Chip is { } c)
        {
            AnsiConsole.MarkupLine($"Per training sample: {c.SynapticUpdatesPerSample:N0} synaptic updates, {c.ThirdFactorPacketsPerSample:N0} third-factor packets, learning energy {c.LearningEnergyPerSamplePj / 1e6:F3} µJ, forward energy {c.ForwardEnergyPerSamplePj / 1e6:F3} µJ.");
            if (c.AppliedNoiseScale is double applied && applied != r.Options.Rule.NoiseScale)
            {
                AnsiConsole.MarkupLine($"Noise scale α = {r.Options.Rule.NoiseScale} applied as {applied} on the chip (graded spikes carry whole 64ths of a spike).");
            }

            if (c.LateralCores > 0)
            {
                AnsiConsole.MarkupLine($"HLOP lateral neurons: {r.LateralNeurons:N0} on {c.LateralCores} cores, {c.LateralMemoryBits / 8.0 / 1024:N0} KiB reserved (H {r.LateralSynapseBits / 8.0 / 1024:N0} KiB); per training sample {c.LateralSynapticOpsPerSample:N0} lateral synaptic ops, {c.LateralSynapticUpdatesPerSample:N0} lateral updates, {c.LateralEnergyPerSamplePj / 1e6:F3} µJ.");
            }
        }
    }

    private static IReadOnlyList<int> ParseSizes(string text)
    {
        try
        {
            int[] sizes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
            if (sizes.Length == 0 || sizes.Any(s => s < 1))
            {
                throw new FormatException();
            }

            return sizes;
        }
        catch (FormatException)
        {
            throw new UserInputException($"--hidden '{text}': give positive layer sizes separated by commas, e.g. 800 or 800,800.");
        }
    }
}
