using NeuroChip.Mapping.Ann;

namespace NeuroChip.Training;

/// <summary>
/// Per-worker buffers for one sample's forward and backward pass: activations, their gradients, scratch and a
/// parameter-gradient accumulator. Allocated once; the passes allocate nothing.
/// </summary>
internal sealed class Workspace
{
    /// <summary>
    /// Work is always cut into this many chunks, whatever the thread count, and chunk results are combined in chunk
    /// order: that is what makes training bit-identical on any number of threads.
    /// </summary>
    public const int Chunks = 8;

    private readonly ReferenceNetwork _network;
    private readonly float[][] _activations;
    private readonly float[][] _gradients;
    private readonly float[] _scratch;

    public Workspace(ReferenceNetwork network)
    {
        _network = network;
        IReadOnlyList<Layer> layers = network.Layers;
        _activations = new float[layers.Count][];
        _gradients = new float[layers.Count][];
        for (int i = 0; i < layers.Count; i++)
        {
            _activations[i] = new float[layers[i].Output.Size];
            _gradients[i] = new float[layers[i].Output.Size];
        }

        _scratch = new float[Math.Max(1, network.MaxScratchLength)];
        ParameterGradient = new float[network.Parameters.Length];
    }

    public float[] ParameterGradient { get; }

    public double LossSum { get; set; }

    public int Correct { get; set; }

    /// <summary>Runs the layers; returns the logits (valid until the next call).</summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> sample)
    {
        IReadOnlyList<Layer> layers = _network.Layers;
        ReadOnlySpan<float> x = sample;
        for (int i = 0; i < layers.Count; i++)
        {
            layers[i].Forward(x, _activations[i], _network.LayerParameters(i), _scratch);
            x = _activations[i];
        }

        return x;
    }

    /// <summary>Forward, softmax cross-entropy against <paramref name="label"/>, backward; adds into <see cref="ParameterGradient"/>.</summary>
    public void Accumulate(ReadOnlySpan<float> sample, int label)
    {
        IReadOnlyList<Layer> layers = _network.Layers;
        ReadOnlySpan<float> logits = Forward(sample);
        if (AnnForwardPass.ArgMax(logits) == label)
        {
            Correct++;
        }

        LossSum += SoftmaxCrossEntropy.LossAndGradient(logits, label, _gradients[^1]);
        for (int i = layers.Count - 1; i >= 0; i--)
        {
            ReadOnlySpan<float> x = i == 0 ? sample : _activations[i - 1];
            Span<float> dx = i == 0 ? [] : _gradients[i - 1];
            layers[i].Backward(x, _activations[i], _gradients[i], dx, _network.LayerParameters(i), _network.LayerSlice(ParameterGradient, i), _scratch);
        }
    }

    /// <summary>Runs <paramref name="body"/> for chunks 0..count−1 on up to <paramref name="threads"/> threads.</summary>
    public static void RunChunks(int count, int threads, Action<int> body)
    {
        if (threads <= 1)
        {
            for (int c = 0; c < count; c++)
            {
                body(c);
            }

            return;
        }

        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }
}
