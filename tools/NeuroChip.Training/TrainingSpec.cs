using NeuroChip.EventSim;

namespace NeuroChip.Training;

/// <summary>
/// How to train: mini-batch Adam (Kingma & Ba 2015) on softmax cross-entropy. The learning rate of epoch e
/// (from 0) is LearningRate · LearningRateDecayPerEpoch^e. Threads only changes speed: the result is bit-identical
/// for any thread count.
/// </summary>
public sealed record TrainingSpec
{
    public int Epochs { get; init; } = 10;

    public int BatchSize { get; init; } = 32;

    public float LearningRate { get; init; } = 1e-3f;

    public float LearningRateDecayPerEpoch { get; init; } = 1f;

    public float Beta1 { get; init; } = 0.9f;

    public float Beta2 { get; init; } = 0.999f;

    public float Epsilon { get; init; } = 1e-8f;

    public int Seed { get; init; } = 1;

    public int Threads { get; init; } = 1;

    /// <summary>Digits MLP defaults: 30 epochs, batch 32, learning rate 2·10⁻³ decaying by 0.95 per epoch.</summary>
    public static TrainingSpec ForDigits(int seed) =>
        new() { Epochs = 30, BatchSize = 32, LearningRate = 2e-3f, LearningRateDecayPerEpoch = 0.95f, Seed = seed };

    /// <summary>Fashion-MNIST defaults: 6 epochs, batch 64, learning rate 2·10⁻³ decaying by 0.7 per epoch.</summary>
    public static TrainingSpec ForFashionMnist(int seed) =>
        new() { Epochs = 6, BatchSize = 64, LearningRate = 2e-3f, LearningRateDecayPerEpoch = 0.7f, Seed = seed };

    public void Validate()
    {
        Check(Epochs >= 1, $"epochs must be at least 1, not {Epochs}");
        Check(BatchSize >= 1, $"batch size must be at least 1, not {BatchSize}");
        Check(LearningRate > 0 && float.IsFinite(LearningRate), $"learning rate must be positive, not {LearningRate}");
        Check(LearningRateDecayPerEpoch is > 0 and <= 1, $"learning-rate decay per epoch must be in (0, 1], not {LearningRateDecayPerEpoch}");
        Check(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1, $"Adam betas must be in [0, 1), not {Beta1} and {Beta2}");
        Check(Epsilon > 0, $"Adam epsilon must be positive, not {Epsilon}");
        Check(Threads >= 1, $"threads must be at least 1, not {Threads}");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new UserInputException($"Training options: {message}.");
        }
    }
}
