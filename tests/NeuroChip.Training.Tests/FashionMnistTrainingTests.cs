using NeuroChip.EventSim;
namespace NeuroChip.Training.Tests;

public sealed class FashionMnistTrainingTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Train_CnnOneEpochOn10000Images_Above80PercentOn2000TestImages()
    {

        DatasetSplit split = FashionMnistDataset.Load();
        Dataset train = split.Train.Take(10000), test = split.Test.Take(2000);
        NetworkSpec spec = ReferenceModels.Network(ReferenceModelKind.Cnn, train.Shape, train.ClassCount);

        TrainingResult result = ReferenceTrainer.Train(spec, train, test, ReferenceModels.Training(FashionMnistDataset.Name, seed: 1, threads: 2) with { Epochs = 1 });

        // The full default run (6 epochs on 60,000 images) reaches about 90 %; one epoch on a sixth of the data
        // already clears 80 %, which a broken convolution, pooling or IDX scaling would not.
        Assert.True(result.FinalTestAccuracy >= 0.80, $"test accuracy {result.FinalTestAccuracy:P2}");
    }
}
