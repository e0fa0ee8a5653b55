using System.Diagnostics;
using System.Numerics.Tensors;
using NeuroChip.Data;
using NeuroChip.EventSim;

namespace NeuroChip.Training;

/// <summary>
/// Trains a <see cref="ReferenceNetwork"/> with mini-batch Adam on softmax cross-entropy, deterministically:
/// weights are drawn from <c>new Random(seed)</c>, the sample order of each epoch from <c>new Random(seed + 1)</c>,
/// and each batch is cut into <see cref="Workspace.Chunks"/> fixed chunks whose gradients are summed in chunk order,
/// so the same seed gives bit-identical weights on any thread count.
/// </summary>
public static class ReferenceTrainer
{
    public static TrainingResult Train(
        NetworkSpec network, Dataset train, Dataset? test, TrainingSpec options,
        IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        CheckCompatible(network, train);
        if (test is not null)
        {
            CheckCompatible(network, test);
        }

        var clock = Stopwatch.StartNew();
        var net = ReferenceNetwork.Create(network, options.Seed);
        var adam = new AdamOptimizer(net.Parameters.Length, options.Beta1, options.Beta2, options.Epsilon);
        var workspaces = new Workspace[Workspace.Chunks];
        for (int c = 0; c < workspaces.Length; c++)
        {
            workspaces[c] = new Workspace(net);
        }

        var gradient = new float[net.Parameters.Length];
        var order = new int[train.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var shuffle = new Random(unchecked(options.Seed + 1));
        var reports = new List<EpochReport>(options.Epochs);
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            DatasetSplitter.Shuffle(order, shuffle);
            float learningRate = (float)(options.LearningRate * Math.Pow(options.LearningRateDecayPerEpoch, epoch));
            double lossSum = 0;
            int correct = 0;
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(options.BatchSize, order.Length - start);
                RunBatch(train, order, start, count, workspaces, options.Threads);
                workspaces[0].ParameterGradient.CopyTo(gradient, 0);
                for (int c = 1; c < workspaces.Length; c++)
                {
                    TensorPrimitives.Add(gradient, workspaces[c].ParameterGradient, gradient);
                }

                TensorPrimitives.Multiply(gradient, 1f / count, gradient);
                adam.Step(net.Parameters, gradient, learningRate);
                foreach (Workspace w in workspaces)
                {
                    lossSum += w.LossSum;
                    correct += w.Correct;
                }
            }

            double testAccuracy = test is null ? double.NaN : net.Evaluate(test, options.Threads);
            var report = new EpochReport(epoch + 1, options.Epochs, lossSum / train.Count, correct / (double)train.Count, testAccuracy, clock.Elapsed);
            reports.Add(report);
            progress?.Report(report);
        }

        return new TrainingResult(net, reports, clock.Elapsed);
    }

    private static void RunBatch(Dataset data, int[] order, int start, int count, Workspace[] workspaces, int threads)
    {
        int chunks = workspaces.Length;
        Workspace.RunChunks(chunks, threads, c =>
        {
            Workspace w = workspaces[c];
            Array.Clear(w.ParameterGradient);
            w.LossSum = 0;
            w.Correct = 0;
            int from = start + (c * count / chunks), to = start + ((c + 1) * count / chunks);
            for (int i = from; i < to; i++)
            {
                int sample = order[i];
                w.Accumulate(data.Sample(sample), data.Labels[sample]);
            }
        });
    }

    private static void CheckCompatible(NetworkSpec network, Dataset data)
    {
        if (data.Shape != network.Input)
        {
            throw new UserInputException($"Data set '{data.Name}' has samples of shape {data.Shape}, the network expects {network.Input}.");
        }

        if (data.ClassCount != network.OutputCount)
        {
            throw new UserInputException($"Data set '{data.Name}' has {data.ClassCount} classes, the network has {network.OutputCount} outputs.");
        }

        if (data.Count == 0)
        {
            throw new UserInputException($"Data set '{data.Name}' is empty.");
        }
    }
}
