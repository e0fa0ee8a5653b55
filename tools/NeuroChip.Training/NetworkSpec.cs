using NeuroChip.Data;
using NeuroChip.EventSim;

namespace NeuroChip.Training;

/// <summary>A feed-forward reference network: input shape, layers in order, and the number of output classes (logits).</summary>
public sealed record NetworkSpec
{
    public NetworkSpec(SampleShape input, IReadOnlyList<LayerSpec> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        input.Validate("Network input");
        if (layers.Count == 0)
        {
            throw new UserInputException("A network needs at least one layer.");
        }

        Input = input;
        Layers = layers;
        Shapes = InferShapes(input, layers);
    }

    public SampleShape Input { get; }

    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>Shapes[0] is the input, Shapes[i + 1] the output of layer i.</summary>
    public IReadOnlyList<SampleShape> Shapes { get; }

    public int OutputCount => Shapes[^1].Size;

    /// <summary>Flatten, then Dense-ReLU per hidden width, then Dense to the classes.</summary>
    public static NetworkSpec Mlp(SampleShape input, int classCount, params int[] hiddenWidths)
    {
        ArgumentNullException.ThrowIfNull(hiddenWidths);
        var layers = new List<LayerSpec> { new FlattenSpec() };
        foreach (int width in hiddenWidths)
        {
            layers.Add(new DenseSpec(width));
            layers.Add(new ReluSpec());
        }

        layers.Add(new DenseSpec(classCount));
        return new NetworkSpec(input, layers);
    }

    /// <summary>
    /// Conversion-friendly CNN: per entry of <paramref name="channels"/> a 3×3 convolution (padding 1), ReLU and 2×2
    /// average pooling; then Flatten, optional Dense-ReLU hidden layers and a Dense layer to the classes.
    /// </summary>
    public static NetworkSpec Cnn(SampleShape input, int classCount, int[] channels, params int[] hiddenWidths)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(hiddenWidths);
        var layers = new List<LayerSpec>();
        foreach (int c in channels)
        {
            layers.Add(new Conv2dSpec(c, 3, 1));
            layers.Add(new ReluSpec());
            layers.Add(new AveragePoolSpec(2));
        }

        layers.Add(new FlattenSpec());
        foreach (int width in hiddenWidths)
        {
            layers.Add(new DenseSpec(width));
            layers.Add(new ReluSpec());
        }

        layers.Add(new DenseSpec(classCount));
        return new NetworkSpec(input, layers);
    }

    private static SampleShape[] InferShapes(SampleShape input, IReadOnlyList<LayerSpec> layers)
    {
        var shapes = new SampleShape[layers.Count + 1];
        shapes[0] = input;
        for (int i = 0; i < layers.Count; i++)
        {
            SampleShape s = shapes[i];
            shapes[i + 1] = layers[i] switch
            {
                DenseSpec d when d.Outputs <= 0 => throw Bad(i, $"Dense needs a positive output count, not {d.Outputs}."),
                DenseSpec when s.Height != 1 || s.Width != 1 => throw Bad(i, $"Dense needs a flat input (C, 1, 1), got {s}; add a Flatten layer before it."),
                DenseSpec d => new SampleShape(d.Outputs, 1, 1),
                Conv2dSpec c when c.OutChannels <= 0 || c.KernelSize <= 0 || c.Padding < 0 => throw Bad(i, $"Conv2d needs positive channels and kernel size and non-negative padding, got {c}."),
                Conv2dSpec c when s.Height + (2 * c.Padding) < c.KernelSize || s.Width + (2 * c.Padding) < c.KernelSize =>
                    throw Bad(i, $"Conv2d kernel {c.KernelSize} is larger than the padded input {s}."),
                Conv2dSpec c => new SampleShape(c.OutChannels, s.Height + (2 * c.Padding) - c.KernelSize + 1, s.Width + (2 * c.Padding) - c.KernelSize + 1),
                AveragePoolSpec p when p.KernelSize <= 0 || s.Height < p.KernelSize || s.Width < p.KernelSize =>
                    throw Bad(i, $"AveragePool kernel {p.KernelSize} does not fit the input {s}."),
                AveragePoolSpec p => new SampleShape(s.Channels, s.Height / p.KernelSize, s.Width / p.KernelSize),
                ReluSpec => s,
                FlattenSpec => new SampleShape(s.Size, 1, 1),
                _ => throw Bad(i, $"layer type {layers[i].GetType().Name} is not supported by the reference trainer."),
            };
        }

        return shapes;
    }

    private static UserInputException Bad(int index, string message) => new($"Network layer {index}: {message}");
}
