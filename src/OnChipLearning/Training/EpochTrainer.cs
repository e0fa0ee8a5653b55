using System.Diagnostics;

namespace NeuroChip.OnChipLearning.Training;

/// <summary>
/// Runs epochs over a training set in a seeded shuffled order and measures test accuracy after each.
/// </summary>
public static class EpochTrainer
{
    /// <summary>Cosine annealing of the learning rate over the epochs: scale 0.5·(1 + cos(π·(e − 1)/E)) for epoch e of E.</summary>
    public static double Cosine(int epoch, int epochs) => 0.5 * (1 + Math.Cos(Math.PI * (epoch - 1) / epochs));

    public static IReadOnlyList<EpochResult> Run(
        ISampleLearner learner,
        SampleSet train,
        SampleSet test,
        int epochs,
        int seed,
        IProgress<(int Epoch, int Done, int Total)>? progress = null,
        Func<int, int, double>? learningRateSchedule = null)
    {
        var results = new List<EpochResult>();
        var rng = new Random(seed);
        int[] order = Enumerable.Range(0, train.Count).ToArray();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            rng.Shuffle(order);
            learner.LearningRateScale = learningRateSchedule?.Invoke(epoch, epochs) ?? 1;
            var watch = Stopwatch.StartNew();
            int correct = 0;
            for (int k = 0; k < order.Length; k++)
            {
                int i = order[k];
                if (learner.Train(train.Sample(i), train.Labels[i]))
                {
                    correct++;
                }

                if ((k & 1023) == 0)
                {
                    progress?.Report((epoch, k, order.Length));
                }
            }

            watch.Stop();
            double testAccuracy = Evaluate(learner, test);
            results.Add(new EpochResult(epoch, correct / (double)train.Count, testAccuracy, watch.Elapsed.TotalSeconds, train.Count / watch.Elapsed.TotalSeconds, learner.FeedbackAlignment));
        }

        return results;
    }

    public static double Evaluate(ISampleLearner learner, SampleSet test)
    {
        int correct = 0;
        for (int i = 0; i < test.Count; i++)
        {
            if (learner.Predict(test.Sample(i)) == test.Labels[i])
            {
                correct++;
            }
        }

        return correct / (double)Math.Max(1, test.Count);
    }
}
