using NeuroChip.Data;

namespace NeuroChip.Training;

/// <summary>The default network and training options for each data set, as measured in the README.</summary>
public static class ReferenceModels
{
    /// <summary>
    /// MLP 64-128-10 for digits, 784-256-10 for 28×28 images; CNN with one 16-channel block for images smaller than
    /// 16×16 (digits: 8×8 → 4×4), two blocks of 16 and 32 channels otherwise (28×28 → 7×7).
    /// </summary>
    public static NetworkSpec Network(ReferenceModelKind kind, SampleShape input, int classCount) => kind switch
    {
        ReferenceModelKind.Mlp => NetworkSpec.Mlp(input, classCount, input.Size <= 64 ? 128 : 256),
        _ => NetworkSpec.Cnn(input, classCount, input.Height >= 16 ? [16, 32] : [16]),
    };

    /// <summary>The architecture used when none is asked for: MLP on digits, CNN on Fashion-MNIST.</summary>
    public static ReferenceModelKind DefaultKind(string datasetName) =>
        datasetName == FashionMnistDataset.Name ? ReferenceModelKind.Cnn : ReferenceModelKind.Mlp;

    public static TrainingSpec Training(string datasetName, int seed, int threads) =>
        (datasetName == FashionMnistDataset.Name ? TrainingSpec.ForFashionMnist(seed) : TrainingSpec.ForDigits(seed)) with { Threads = threads };
}
