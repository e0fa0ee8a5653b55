using System.Diagnostics;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Continual;

/// <summary>Progress of a continual run: task (0-based), epoch within it (1-based), samples done of total.</summary>
public readonly record struct ContinualProgress(int Task, int Epoch, int Done, int Total);

/// <summary>What a continual run measured: the accuracy matrix and the training wall time.</summary>
public sealed record ContinualResult(AccuracyMatrix Matrix, double TrainingSeconds, long SamplesTrained)
{
    public double SamplesPerSecond => TrainingSeconds > 0 ? SamplesTrained / TrainingSeconds : 0;
}

/// <summary>Trains task after task and fills the accuracy matrix; the multitask baseline trains on all tasks at once.</summary>
public static class ContinualTrainer
{
    /// <summary>Tasks in order, <paramref name="epochsPerTask"/> seeded shuffled passes each, all tasks tested after each task.</summary>
    public static ContinualResult Run(IContinualLearner learner, IReadOnlyList<ContinualTask> tasks, int epochsPerTask, int seed, IProgress<ContinualProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(tasks);
        var rng = new Random(seed);
        var rows = new double[tasks.Count][];
        double seconds = 0;
        long samples = 0;
        for (int i = 0; i < tasks.Count; i++)
        {
            learner.BeginTask(i);
            SampleSet train = tasks[i].Train;
            int[] order = Enumerable.Range(0, train.Count).ToArray();
            for (int epoch = 1; epoch <= epochsPerTask; epoch++)
            {
                rng.Shuffle(order);
                var watch = Stopwatch.StartNew();
                for (int k = 0; k < order.Length; k++)
                {
                    learner.Train(train.Sample(order[k]), train.Labels[order[k]]);
                    if ((k & 1023) == 0)
                    {
                        progress?.Report(new ContinualProgress(i, epoch, k, order.Length));
                    }
                }

                seconds += watch.Elapsed.TotalSeconds;
                samples += order.Length;
            }

            rows[i] = tasks.Select(t => Evaluate(learner, t)).ToArray();
        }

        return new ContinualResult(new AccuracyMatrix(rows), seconds, samples);
    }

    /// <summary>
    /// The multitask baseline: one learner trained on the shuffled union of every task's training samples for
    /// <paramref name="epochs"/> passes, then tested on each task. Returns the per-task accuracies.
    /// </summary>
    public static (double[] Accuracies, double TrainingSeconds) RunMultitask(IContinualLearner learner, IReadOnlyList<ContinualTask> tasks, int epochs, int seed, IProgress<ContinualProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(tasks);
        var rng = new Random(seed);
        learner.BeginTask(0);
        (int Task, int Sample)[] order = tasks.SelectMany((t, i) => Enumerable.Range(0, t.Train.Count).Select(s => (i, s))).ToArray();
        var watch = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            rng.Shuffle(order);
            for (int k = 0; k < order.Length; k++)
            {
                SampleSet train = tasks[order[k].Task].Train;
                learner.Train(train.Sample(order[k].Sample), train.Labels[order[k].Sample]);
                if ((k & 1023) == 0)
                {
                    progress?.Report(new ContinualProgress(0, epoch, k, order.Length));
                }
            }
        }

        double seconds = watch.Elapsed.TotalSeconds;
        return (tasks.Select(t => Evaluate(learner, t)).ToArray(), seconds);
    }

    /// <summary>Test accuracy on one task, answered among the task's classes.</summary>
    public static double Evaluate(IContinualLearner learner, ContinualTask task)
    {
        int[] classes = task.Classes.ToArray();
        int correct = 0;
        for (int i = 0; i < task.Test.Count; i++)
        {
            if (learner.Predict(task.Test.Sample(i), classes) == task.Test.Labels[i])
            {
                correct++;
            }
        }

        return correct / (double)Math.Max(1, task.Test.Count);
    }
}
