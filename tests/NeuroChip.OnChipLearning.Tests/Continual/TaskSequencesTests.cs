namespace NeuroChip.OnChipLearning.Tests.Continual;

public sealed class TaskSequencesTests
{
    private static SampleSet Set(int count) => new()
    {
        Features = Enumerable.Range(0, count * 4).Select(i => (float)i).ToArray(),
        Labels = Enumerable.Range(0, count).Select(i => i % 4).ToArray(),
        FeatureCount = 4,
        ClassCount = 4,
    };

    [Fact]
    public void Permuted_SameSeed_SamePermutationForTrainAndTestAndRuns()
    {
        // Sample s of the source holds [4s, 4s+1, 4s+2, 4s+3]; a permuted sample holds the same values reordered,
        // and train and test use the same permutation: feature i of every sample is 4s + π(i).
        var tasks = TaskSequences.Permuted(Set(3), Set(2), tasks: 3, seed: 7);
        var again = TaskSequences.Permuted(Set(3), Set(2), tasks: 3, seed: 7);
        Assert.Equal(3, tasks.Count);
        foreach ((ContinualTask t, ContinualTask u) in tasks.Zip(again))
        {
            Assert.Equal(t.Train.Features, u.Train.Features);
            int[] pi = t.Train.Sample(0).ToArray().Select(v => (int)v).ToArray();
            Assert.Equal([0, 1, 2, 3], pi.Order());
            Assert.Equal(pi.Select(p => (float)(8 + p)), t.Train.Sample(2).ToArray());
            Assert.Equal(pi.Select(p => (float)(4 + p)), t.Test.Sample(1).ToArray());
        }

        Assert.NotEqual(tasks[0].Train.Features, tasks[1].Train.Features);
    }

    [Fact]
    public void Split_TwoClassesPerTask_KeepsOnlyThoseClasses()
    {
        var tasks = TaskSequences.Split(Set(8), Set(8), classesPerTask: 2);
        Assert.Equal(2, tasks.Count);
        Assert.Equal([0, 1], tasks[0].Classes);
        Assert.Equal([0, 1, 0, 1], tasks[0].Train.Labels);
        Assert.Equal([2, 3, 2, 3], tasks[1].Test.Labels);

        // Sample 2 of the source (label 2) is the first of task 1: features 8..11.
        Assert.Equal([8f, 9f, 10f, 11f], tasks[1].Train.Sample(0).ToArray());
    }
}
