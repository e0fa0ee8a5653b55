namespace NeuroChip.OnChipLearning.Tests;

/// <summary>Training on uniform random inputs with labels cycling through the classes (for estimates that average over inputs).</summary>
internal static class RandomSamples
{
    public static void Train(ISampleLearner learner, int inputs, int classes, int samples, int seed)
    {
        var rng = new Random(seed);
        float[] x = new float[inputs];
        for (int sample = 0; sample < samples; sample++)
        {
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = (float)rng.NextDouble();
            }

            learner.Train(x, sample % classes);
        }
    }
}
