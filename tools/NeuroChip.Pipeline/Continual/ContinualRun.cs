using NeuroChip.EventSim.Model;
using NeuroChip.OnChipLearning.Appliers;
using NeuroChip.OnChipLearning.Chip;
using NeuroChip.OnChipLearning.Continual;
using NeuroChip.OnChipLearning.Learners;
using NeuroChip.OnChipLearning.Network;
using NeuroChip.OnChipLearning.Training;
using NeuroChip.Data;
using NeuroChip.Pipeline.Learning;

namespace NeuroChip.Pipeline.Continual;

/// <summary>
/// <c>neurochip continual</c> as a library call: makes the task sequence, trains it with each method from the same
/// seeded initial weights on the float reference or on the chip (HLOP's lateral neurons laid out for every task), and
/// reports the accuracy matrices, ACC and BWT, and on the chip what the lateral neurons cost.
/// </summary>
public static class ContinualRun
{
    public static ContinualReport Run(ContinualOptions options, IProgress<(ContinualMethod Method, ContinualProgress Progress)>? progress = null)
    {
        DatasetSplit split = DatasetCatalog.Load(options.Dataset, options.Seed, options.DataDirectory);
        SampleSet train = LearningData.ToSamples(split.Train, options.TrainLimit);
        SampleSet test = LearningData.ToSamples(split.Test, options.TestLimit);
        IReadOnlyList<ContinualTask> tasks = options.Sequence == TaskSequenceKind.Permuted
            ? TaskSequences.Permuted(train, test, options.Tasks, options.Seed)
            : TaskSequences.Split(train, test, options.ClassesPerTask);
        var net = new SnnSpec
        {
            Inputs = train.FeatureCount,
            Hidden = options.Hidden,
            Outputs = train.ClassCount,
            Timesteps = options.Timesteps,
            Tau = options.Tau,
        };
        long networkBits = Enumerable.Range(0, net.Sizes.Length - 1).Sum(l => (long)net.Sizes[l] * net.Sizes[l + 1] * 16);
        var results = new List<ContinualMethodResult>();
        ChipSpec? chip = options.Precision == LearningPrecision.Chip ? ChipSpecLoader.Load(options.Chip) : null;
        foreach (ContinualMethod method in options.Methods)
        {
            using LearnerSet learners = LearnerFactory.Create(new LearnerSpec
            {
                Network = net,
                Rule = options.Rule,
                InitGain = options.InitGain,
                Chip = chip,
                ChipOptions = new ChipLearningOptions { WeightBits = options.WeightBits },
                Hlop = method == ContinualMethod.Hlop ? options.Hlop : null,
                HlopTasks = tasks.Count,
            });
            ChipSnn? onChip = learners.OnChip;
            var reporter = progress is null ? null : new Progress<ContinualProgress>(p => progress.Report((method, p)));
            if (method == ContinualMethod.Multitask)
            {
                (double[] accuracies, double seconds) = ContinualTrainer.RunMultitask(onChip ?? (IContinualLearner)new SequentialLearner(learners.Reference), tasks, options.EpochsPerTask, options.Seed, reporter);
                long samples = (long)tasks.Sum(t => t.Train.Count) * options.EpochsPerTask;
                results.Add(new ContinualMethodResult
                {
                    Method = method,
                    Matrix = [accuracies],
                    Acc = accuracies.Average(),
                    TrainingSeconds = seconds,
                    SamplesPerSecond = seconds > 0 ? samples / seconds : 0,
                    NetworkSynapseBits = networkBits,
                });
                continue;
            }

            HlopLearner? hlop = learners.Hlop;
            IContinualLearner learner = learners.Continual;
            ContinualResult result = ContinualTrainer.Run(learner, tasks, options.EpochsPerTask, options.Seed, reporter);
            results.Add(new ContinualMethodResult
            {
                Method = method,
                Matrix = result.Matrix.Rows,
                Acc = result.Matrix.Acc,
                Bwt = result.Matrix.Bwt,
                TrainingSeconds = result.TrainingSeconds,
                SamplesPerSecond = result.SamplesPerSecond,
                LateralNeurons = hlop?.LateralNeurons ?? onChip?.Layout.Lateral.Sum(l => onChip.LateralRows(l.Index)) ?? 0,
                LateralSynapseBits = hlop?.SubspaceBits(16) ?? onChip?.Layout.Lateral.Sum(l => l.WeightMemoryBits) ?? 0,
                LateralMemoryBits = onChip?.Layout.Lateral.Sum(l => l.TotalMemoryBits) ?? 0,
                LateralEnergyPerSamplePj = onChip is { SamplesTrained: > 0 } ? onChip.Counters.LateralEnergyPj(chip!.Energy) / onChip.SamplesTrained : 0,
                NetworkSynapseBits = networkBits,
            });
        }

        return new ContinualReport
        {
            Dataset = options.Dataset,
            Network = net.ToString(),
            TaskNames = tasks.Select(t => t.Name).ToList(),
            TrainSamplesPerTask = (int)tasks.Average(t => t.Train.Count),
            Options = options,
            Results = results,
        };
    }
}
