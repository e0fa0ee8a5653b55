namespace NeuroChip.Training;

/// <summary>One layer of a reference network, as asked for. Shapes follow from the input shape and the layers before.</summary>
public abstract record LayerSpec;

/// <summary>Fully connected: y = W·x + b with W of shape [Outputs, inputs]. Needs a flat input (C, 1, 1).</summary>
public sealed record DenseSpec(int Outputs, bool Bias = true) : LayerSpec;

/// <summary>2-D convolution, stride 1, zero padding <paramref name="Padding"/> on every side, square kernel.</summary>
public sealed record Conv2dSpec(int OutChannels, int KernelSize, int Padding, bool Bias = true) : LayerSpec;

/// <summary>y = max(x, 0).</summary>
public sealed record ReluSpec : LayerSpec;

/// <summary>Average pooling over non-overlapping KernelSize × KernelSize windows (stride = kernel, no padding, floor).</summary>
public sealed record AveragePoolSpec(int KernelSize) : LayerSpec;

/// <summary>(C, H, W) → (C·H·W, 1, 1), row-major.</summary>
public sealed record FlattenSpec : LayerSpec;
