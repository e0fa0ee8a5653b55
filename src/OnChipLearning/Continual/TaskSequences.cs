using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Continual;

/// <summary>Task sequences built from one data set.</summary>
public static class TaskSequences
{
    /// <summary>
    /// Permuted tasks: task k applies a fixed random permutation of the input features (drawn from
    /// <paramref name="seed"/>) to every sample, train and test alike; every task keeps all classes.
    /// </summary>
    public static IReadOnlyList<ContinualTask> Permuted(SampleSet train, SampleSet test, int tasks, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        var rng = new Random(seed);
        var result = new List<ContinualTask>();
        for (int k = 0; k < tasks; k++)
        {
            int[] permutation = Enumerable.Range(0, train.FeatureCount).ToArray();
            rng.Shuffle(permutation);
            result.Add(new ContinualTask($"permutation {k + 1}", Permute(train, permutation), Permute(test, permutation), []));
        }

        return result;
    }

    /// <summary>
    /// Split tasks: the classes in order, <paramref name="classesPerTask"/> per task (0–1, 2–3, … for 2); each task
    /// holds the samples of its classes and is answered among them (task-incremental readout).
    /// </summary>
    public static IReadOnlyList<ContinualTask> Split(SampleSet train, SampleSet test, int classesPerTask)
    {
        if (classesPerTask < 1 || classesPerTask > train.ClassCount)
        {
            throw new EventSim.UserInputException($"classes per task {classesPerTask}: must be in 1..{train.ClassCount}.");
        }

        var result = new List<ContinualTask>();
        for (int first = 0; first < train.ClassCount; first += classesPerTask)
        {
            int[] classes = Enumerable.Range(first, Math.Min(classesPerTask, train.ClassCount - first)).ToArray();
            result.Add(new ContinualTask($"classes {string.Join("/", classes)}", Select(train, classes), Select(test, classes), classes));
        }

        return result;
    }

    private static SampleSet Permute(SampleSet set, int[] permutation)
    {
        int n = set.FeatureCount;
        var features = new float[set.Features.Length];
        for (int s = 0; s < set.Count; s++)
        {
            ReadOnlySpan<float> source = set.Sample(s);
            Span<float> target = features.AsSpan(s * n, n);
            for (int i = 0; i < n; i++)
            {
                target[i] = source[permutation[i]];
            }
        }

        return set with { Features = features };
    }

    private static SampleSet Select(SampleSet set, int[] classes)
    {
        int[] indices = Enumerable.Range(0, set.Count).Where(i => classes.Contains(set.Labels[i])).ToArray();
        int n = set.FeatureCount;
        var features = new float[indices.Length * n];
        for (int k = 0; k < indices.Length; k++)
        {
            set.Sample(indices[k]).CopyTo(features.AsSpan(k * n, n));
        }

        return set with { Features = features, Labels = indices.Select(i => set.Labels[i]).ToArray() };
    }
}
