using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;
using NeuroChip.OnChipLearning.Appliers;
using NeuroChip.OnChipLearning.Chip;
using NeuroChip.OnChipLearning.Chip.Feedback;
using NeuroChip.OnChipLearning.Continual;
using NeuroChip.OnChipLearning.Learners;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.Benchmarks.Learning;

/// <summary>
/// One learner a case times: the float reference (one thread) or the chip's fixed point on the event engine with a
/// given thread count. Every learner of a case starts from the float reference's seeded initial weights.
/// </summary>
internal sealed class LearningSubject : IDisposable
{
    private readonly IDisposable? owned;
    private readonly Func<ChipLearningCounts>? counts;
    private readonly Func<IReadOnlyList<float[]>> weights;

    private LearningSubject(string precision, int threads, int workers, ISampleLearner learner, IDisposable? owned, Func<ChipLearningCounts>? counts, Func<IReadOnlyList<float[]>> weights)
    {
        Precision = precision;
        Threads = threads;
        Workers = workers;
        Learner = learner;
        this.owned = owned;
        this.counts = counts;
        this.weights = weights;
    }

    public string Precision { get; }

    public int Threads { get; }

    /// <summary>Engine workers that actually ran (the float reference runs on the calling thread).</summary>
    public int Workers { get; }

    /// <summary>Workers <c>neurochip train --threads</c> would give this chip with the engine's default work floor.</summary>
    public int WorkersAtDefaultFloor { get; private init; } = 1;

    public ISampleLearner Learner { get; }

    /// <summary>HLOP's lateral neurons on the chip (null for the float reference and the other rules).</summary>
    public LateralMemory? Lateral { get; private init; }

    public bool OnChip => counts is not null;

    public ChipLearningCounts Counts() => counts?.Invoke() ?? new ChipLearningCounts();

    public IReadOnlyList<float[]> Weights() => weights();

    /// <summary>Starts task <paramref name="task"/> of a continual learner (HLOP); other learners have one task.</summary>
    public void BeginTask(int task) => (Learner as IContinualLearner)?.BeginTask(task);

    public void Dispose() => owned?.Dispose();

    /// <summary>The case's float reference and one chip learner per thread count, all from the same initial weights.</summary>
    public static IReadOnlyList<LearningSubject> Build(LearningCase c, int inputs, int outputs, ChipSpec chip, int weightBits, IReadOnlyList<int> threads)
    {
        var subjects = new List<LearningSubject>();
        if (c.Kind == LearningCaseKind.Feedback)
        {
            var spec = new FeedbackLearnerSpec { Network = c.FeedbackSnn(inputs, outputs), Rule = c.Equilibrium(), Chip = chip };
            FeedbackSnn reference = LearnerFactory.Create(spec with { Chip = null }).Reference;
            foreach (int t in threads)
            {
                ChipFeedbackSnn onChip = LearnerFactory.OnChip(spec with { ChipOptions = Options(weightBits, t) }, reference);
                subjects.Add(new LearningSubject("chip", t, onChip.Workers, onChip, onChip, () => ChipLearningCounts.Of(onChip),
                    () => [onChip.Weights(onChip.Layout.Input), onChip.Weights(onChip.Layout.Feedback), onChip.Weights(onChip.Layout.Readout)])
                {
                    WorkersAtDefaultFloor = DefaultWorkers(onChip.Layout.Image, t),
                });
            }

            subjects.Insert(0, new LearningSubject("float", 1, 1, reference, null, null, () => [reference.Input, reference.Feedback, reference.Readout]));
            return subjects;
        }

        var learnerSpec = new LearnerSpec { Network = c.Snn(inputs, outputs), Rule = c.Rule, Chip = chip, Hlop = c.Hlop, HlopTasks = c.Hlop is null ? 1 : 2 };
        LearnerSet floatLearners = LearnerFactory.Create(learnerSpec with { Chip = null });
        ReferenceLearningSnn floatSnn = floatLearners.Reference;
        int layers = learnerSpec.Network.Sizes.Length - 1;
        foreach (int t in threads)
        {
            ChipSnn onChip = LearnerFactory.OnChip(learnerSpec with { ChipOptions = Options(weightBits, t) }, floatSnn);
            subjects.Add(new LearningSubject("chip", t, onChip.Workers, onChip, onChip, () => ChipLearningCounts.Of(onChip), () => Enumerable.Range(0, layers).Select(onChip.Weights).ToArray())
            {
                WorkersAtDefaultFloor = DefaultWorkers(onChip.Layout.Image, t),
                Lateral = c.Hlop is null ? null : LateralMemory.Of(onChip.Layout, chip),
            });
        }

        subjects.Insert(0, new LearningSubject("float", 1, 1, floatLearners.Learner, null, null, () => Enumerable.Range(0, layers).Select(floatSnn.Weights).ToArray()));
        return subjects;
    }

    /// <summary>
    /// Every asked-for thread becomes an engine worker (no work floor), so the 2-thread rows measure two workers even where
    /// the engine's default floor would keep a network on one; <see cref="WorkersAtDefaultFloor"/> says where it would.
    /// </summary>
    private static ChipLearningOptions Options(int weightBits, int threads) => new() { WeightBits = weightBits, Threads = threads, MinWorkPerWorker = 0 };

    private static int DefaultWorkers(ChipImage image, int threads)
    {
        using var simulator = new Simulator(image, new SimulatorOptions { Threads = threads });
        return simulator.WorkerCount;
    }
}

/// <summary>What HLOP's lateral neurons reserve on the chip beside the network's plastic synapse memory, bits.</summary>
internal sealed record LateralMemory
{
    public required int Rows { get; init; }

    public required int Cores { get; init; }

    /// <summary>H at the chip's learning weight width.</summary>
    public required long WeightMemoryBits { get; init; }

    /// <summary>Momentum registers beside every H synapse (none without momentum).</summary>
    public required long RegisterMemoryBits { get; init; }

    /// <summary>Batch buffers, one per lateral core.</summary>
    public required long BatchMemoryBits { get; init; }

    public long TotalMemoryBits => WeightMemoryBits + RegisterMemoryBits + BatchMemoryBits;

    /// <summary>The network's own plastic synapse memory (weights and row headers on its cores).</summary>
    public required long NetworkSynapseBits { get; init; }

    public required int NetworkCores { get; init; }

    public static LateralMemory Of(LearningLayout layout, ChipSpec chip)
    {
        var networkCores = layout.Layers.SelectMany(l => l.Slices).Select(s => s.CoreId).ToHashSet();
        return new LateralMemory
        {
            Rows = layout.Lateral.Sum(l => l.Rows),
            Cores = layout.Lateral.Sum(l => l.Slices.Count),
            WeightMemoryBits = layout.Lateral.Sum(l => l.WeightMemoryBits),
            RegisterMemoryBits = layout.Lateral.Sum(l => l.RegisterMemoryBits),
            BatchMemoryBits = layout.Lateral.Sum(l => l.BatchMemoryBits),
            NetworkSynapseBits = layout.Image.Cores.Where(core => networkCores.Contains(core.CoreId)).Sum(core => SynapseMemory.CoreBits(core, chip)),
            NetworkCores = networkCores.Count,
        };
    }
}
