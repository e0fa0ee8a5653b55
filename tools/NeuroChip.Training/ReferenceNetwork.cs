using NeuroChip.Data;
using NeuroChip.Mapping.Ann;

namespace NeuroChip.Training;

/// <summary>
/// A feed-forward float network built from a <see cref="NetworkSpec"/>, with all parameters in one flat array
/// (layer by layer, each layer's weights then biases). Produced and updated by <see cref="ReferenceTrainer"/>,
/// exported by <see cref="OnnxExport"/>.
/// </summary>
public sealed class ReferenceNetwork
{
    private readonly Layer[] _layers;
    private readonly int[] _offsets;

    private ReferenceNetwork(NetworkSpec spec, Layer[] layers, int[] offsets, float[] parameters)
    {
        Spec = spec;
        _layers = layers;
        _offsets = offsets;
        Parameters = parameters;
    }

    public NetworkSpec Spec { get; }

    /// <summary>All trainable values, flat.</summary>
    public float[] Parameters { get; }

    public int ClassCount => Spec.OutputCount;

    internal IReadOnlyList<Layer> Layers => _layers;

    internal int MaxScratchLength => _layers.Max(l => l.ScratchLength);

    /// <summary>Builds the layers and draws initial weights from <c>new Random(seed)</c>, layer by layer.</summary>
    public static ReferenceNetwork Create(NetworkSpec spec, int seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var layers = new Layer[spec.Layers.Count];
        var offsets = new int[layers.Length + 1];
        for (int i = 0; i < layers.Length; i++)
        {
            SampleShape input = spec.Shapes[i], output = spec.Shapes[i + 1];
            layers[i] = spec.Layers[i] switch
            {
                DenseSpec d => new DenseLayer(input, d),
                Conv2dSpec c => new Conv2dLayer(input, output, c),
                ReluSpec => new ReluLayer(input),
                AveragePoolSpec p => new AveragePoolLayer(input, output, p.KernelSize),
                FlattenSpec => new FlattenLayer(input),
                var other => throw new ArgumentException($"Unsupported layer {other}.", nameof(spec)),
            };
            offsets[i + 1] = offsets[i] + layers[i].ParameterCount;
        }

        var parameters = new float[offsets[^1]];
        var random = new Random(seed);
        for (int i = 0; i < layers.Length; i++)
        {
            layers[i].Initialise(parameters.AsSpan(offsets[i], layers[i].ParameterCount), random);
        }

        return new ReferenceNetwork(spec, layers, offsets, parameters);
    }

    /// <summary>The parameters of layer <paramref name="index"/> (weights then biases).</summary>
    public ReadOnlySpan<float> LayerParameters(int index) => Parameters.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    internal Span<float> LayerSlice(Span<float> flat, int index) => flat.Slice(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>The logits for one sample (allocates a workspace; use <see cref="Evaluate"/> for many).</summary>
    public float[] Predict(ReadOnlySpan<float> sample)
    {
        var workspace = new Workspace(this);
        var logits = new float[ClassCount];
        workspace.Forward(sample).CopyTo(logits);
        return logits;
    }

    /// <summary>Fraction of samples whose largest logit (first on ties) is the label.</summary>
    public double Evaluate(Dataset dataset, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Count == 0)
        {
            return double.NaN;
        }

        int chunks = Math.Min(Workspace.Chunks, dataset.Count);
        var correct = new int[chunks];
        var workspaces = new Workspace[chunks];
        void Run(int c)
        {
            workspaces[c] ??= new Workspace(this);
            int start = (int)((long)c * dataset.Count / chunks), end = (int)((long)(c + 1) * dataset.Count / chunks);
            for (int i = start; i < end; i++)
            {
                if (AnnForwardPass.ArgMax(workspaces[c].Forward(dataset.Sample(i))) == dataset.Labels[i])
                {
                    correct[c]++;
                }
            }
        }

        Workspace.RunChunks(chunks, threads, Run);
        return correct.Sum() / (double)dataset.Count;
    }
}
