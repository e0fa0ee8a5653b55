using System.Diagnostics;
using System.Globalization;
using NeuroChip.Benchmarks.Cuba;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Serialization;
using NeuroChip.OnChipLearning.Appliers;
using NeuroChip.OnChipLearning.Training;
using NeuroChip.Data;
using NeuroChip.Pipeline.Learning;

namespace NeuroChip.Benchmarks.Learning;

/// <summary>
/// <c>learning</c>: training throughput and learning energy of the issue's on-chip learning cases on Fashion-MNIST
/// (<see cref="LearningCase.All"/>). Per case the float reference and one chip learner per thread count (1 and 2) start
/// from the same seeded weights, train a warm-up (HLOP: its first task, then the second task begins), and then train
/// the same slice of samples <c>--repeat</c> times each, in rotating order so that a change in the machine's load
/// falls on every learner alike; after each training pass the learner predicts the slice without learning (the
/// forward pass alone). Samples per second is the slice over the median repetition. The chip learners'
/// counters over the timed slices give the learning energy per sample at the chip's coefficients; the learners of
/// both thread counts must end with the same weights and counters. Prints tables and writes a JSON file.
/// </summary>
internal static class LearningBenchmark
{
    private static readonly int[] ThreadCounts = [1, 2];

    public static int Run(IReadOnlyList<string> args)
    {
        LearningBenchmarkOptions options = LearningBenchmarkOptions.Parse(args);
        IReadOnlyList<LearningCase> cases = Select(LearningCase.All(options.Samples), options.Cases);
        var clock = Stopwatch.StartNew();
        double loadAtStart = LoadAverage();
        DatasetSplit split = DatasetCatalog.Load(FashionMnistDataset.Name, 1, options.DataDirectory);
        SampleSet train = LearningData.ToSamples(split.Train, options.WarmUp + cases.Max(c => c.Samples));
        ChipSpec chip = ChipSpecLoader.Load(options.Chip);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== on-chip learning throughput, Fashion-MNIST, chip '{chip.Name}' with {options.WeightBits}-bit plastic weights, warm-up {options.WarmUp} samples, {options.Repeat} repetitions, {Environment.ProcessorCount} processors, load average {loadAtStart:F2}"));

        var results = new List<LearningCaseResult>();
        foreach (LearningCase c in cases)
        {
            var caseClock = Stopwatch.StartNew();
            results.Add(Measure(c, train, chip, options));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {c.Name}: {caseClock.Elapsed.TotalSeconds:F0} s"));
        }

        LearningTables.Print(results);
        var report = new LearningThroughputReport
        {
            Command = "dotnet run -c Release --project tools/NeuroChip.Benchmarks -- learning " + string.Join(' ', args),
            Dataset = "fashion-mnist (first training samples in file order)",
            ChipAsked = chip.Name,
            WeightBits = options.WeightBits,
            WarmUpSamples = options.WarmUp,
            Repetitions = options.Repeat,
            ProcessorCount = Environment.ProcessorCount,
            LoadAverageAtStart = loadAtStart,
            LoadAverageAtEnd = LoadAverage(),
            WallSeconds = clock.Elapsed.TotalSeconds,
            Cases = results,
            Coefficients = chip.Energy.All().Select(x => $"{x.Coefficient.Operation}: {x.Coefficient.Value} {x.Coefficient.Unit} ({x.Coefficient.Source})").ToList(),
            Notes = LearningTables.Notes,
        };
        string? directory = Path.GetDirectoryName(Path.GetFullPath(options.Out));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        Json.WriteFile(options.Out, report);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {options.Out}; {report.WallSeconds:F0} s in all, load average {report.LoadAverageAtStart:F2} at the start and {report.LoadAverageAtEnd:F2} at the end."));
        return 0;
    }

    private static IReadOnlyList<LearningCase> Select(IReadOnlyList<LearningCase> all, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return all;
        }

        string? unknown = names.FirstOrDefault(n => all.All(c => c.Name != n));
        return unknown is null
            ? all.Where(c => names.Contains(c.Name)).ToList()
            : throw new UserInputException($"learning: --cases names '{unknown}', which is not a case; choose from {string.Join(", ", all.Select(c => c.Name))}.");
    }

    private static LearningCaseResult Measure(LearningCase c, SampleSet train, ChipSpec asked, LearningBenchmarkOptions options)
    {
        ChipSpec chip = c.NeedsReverseAccess && !asked.ReverseSynapseAccess ? asked with { Name = asked.Name + "+reverse", ReverseSynapseAccess = true } : asked;
        IReadOnlyList<LearningSubject> subjects = LearningSubject.Build(c, train.FeatureCount, train.ClassCount, chip, options.WeightBits, ThreadCounts);
        try
        {
            foreach (LearningSubject s in subjects)
            {
                TrainSlice(s, train, 0, options.WarmUp);
                if (c.Hlop is not null)
                {
                    s.BeginTask(1);
                }
            }

            ChipLearningCounts[] before = subjects.Select(s => s.Counts()).ToArray();
            double[][] seconds = subjects.Select(_ => new double[options.Repeat]).ToArray();
            double[][] cpu = subjects.Select(_ => new double[options.Repeat]).ToArray();
            double[][] predict = subjects.Select(_ => new double[options.Repeat]).ToArray();
            double[] load = new double[subjects.Count];
            using var process = Process.GetCurrentProcess();
            for (int r = 0; r < options.Repeat; r++)
            {
                for (int k = 0; k < subjects.Count; k++)
                {
                    int i = (k + r) % subjects.Count;
                    if (r == 0)
                    {
                        load[i] = LoadAverage();
                    }

                    process.Refresh();
                    TimeSpan cpuBefore = process.TotalProcessorTime;
                    long start = Stopwatch.GetTimestamp();
                    TrainSlice(subjects[i], train, options.WarmUp, c.Samples);
                    seconds[i][r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
                    process.Refresh();
                    cpu[i][r] = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
                    start = Stopwatch.GetTimestamp();
                    PredictSlice(subjects[i], train, options.WarmUp, c.Samples);
                    predict[i][r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
                }
            }

            var chips = subjects.Select((s, i) => (Subject: s, Counts: s.Counts().Minus(before[i]))).Where(x => x.Subject.OnChip).ToList();
            bool identical = chips.All(x => x.Counts == chips[0].Counts && Same(x.Subject.Weights(), chips[0].Subject.Weights()));
            return new LearningCaseResult
            {
                Name = c.Name,
                Network = c.Network(train.FeatureCount, train.ClassCount),
                Rule = c.Kind == LearningCaseKind.Feedback ? "spide" : $"{c.Rule.Rule} {c.Rule.Credit}".ToLowerInvariant() + (c.Hlop is null ? "" : " + hlop"),
                Timesteps = c.Timesteps,
                Chip = chip.Name,
                SamplesPerRepetition = c.Samples,
                Measurements = subjects.Select((s, i) => new ThroughputMeasurement
                {
                    Precision = s.Precision,
                    Threads = s.Threads,
                    Workers = s.Workers,
                    WorkersAtDefaultFloor = s.OnChip ? s.WorkersAtDefaultFloor : 1,
                    Seconds = seconds[i],
                    CpuSeconds = cpu[i],
                    LoadAverage = load[i],
                    SamplesPerSecond = c.Samples / CubaMeasurement.Median(seconds[i]),
                    PredictSeconds = predict[i],
                    PredictSamplesPerSecond = c.Samples / CubaMeasurement.Median(predict[i]),
                }).ToList(),
                Energy = chips.Count > 0 ? chips[0].Counts.Price(chip.Energy) : null,
                IdenticalAcrossThreads = identical,
                Lateral = chips.Count > 0 ? chips[0].Subject.Lateral : null,
                FloatLateralBits = (subjects[0].Learner as HlopLearner)?.SubspaceBits(16),
            };
        }
        finally
        {
            foreach (LearningSubject s in subjects)
            {
                s.Dispose();
            }
        }
    }

    private static void TrainSlice(LearningSubject subject, SampleSet train, int first, int count)
    {
        for (int i = first; i < first + count; i++)
        {
            subject.Learner.Train(train.Sample(i), train.Labels[i]);
        }
    }

    /// <summary>The forward pass alone (no learning): what the learning controller adds is the difference.</summary>
    private static void PredictSlice(LearningSubject subject, SampleSet train, int first, int count)
    {
        for (int i = first; i < first + count; i++)
        {
            subject.Learner.Predict(train.Sample(i));
        }
    }

    private static bool Same(IReadOnlyList<float[]> a, IReadOnlyList<float[]> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.AsSpan().SequenceEqual(p.Second));

    /// <summary>The machine's one-minute load average (NaN where /proc/loadavg does not exist).</summary>
    private static double LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) && double.TryParse(File.ReadAllText(path).Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double load)
            ? load
            : double.NaN;
    }
}
