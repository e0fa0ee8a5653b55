using NeuroChip.Data;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.Pipeline.Learning;

/// <summary>Data sets in the form the learning rules consume: flat features in [0, 1] and labels.</summary>
public static class LearningData
{
    public static SampleSet ToSamples(Dataset d, int limit) => new SampleSet
    {
        Features = d.Features,
        Labels = d.Labels,
        FeatureCount = d.Shape.Size,
        ClassCount = d.ClassCount,
    }.Take(limit > 0 ? limit : d.Count);
}
