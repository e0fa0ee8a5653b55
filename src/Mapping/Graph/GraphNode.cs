using System.Text.Json.Serialization;
using NeuroChip.EventSim;

namespace NeuroChip.Mapping.Graph;

/// <summary>
/// A named node of a <see cref="NetworkGraph"/>. Shapes exclude the batch dimension; every value is
/// flattened row-major when it becomes neurons or synapses. The JSON discriminator is <c>type</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(InputNode), "input")]
[JsonDerivedType(typeof(OutputNode), "output")]
[JsonDerivedType(typeof(AffineNode), "affine")]
[JsonDerivedType(typeof(LinearNode), "linear")]
[JsonDerivedType(typeof(ScaleNode), "scale")]
[JsonDerivedType(typeof(Conv2dNode), "conv2d")]
[JsonDerivedType(typeof(SumPool2dNode), "sumPool2d")]
[JsonDerivedType(typeof(AvgPool2dNode), "avgPool2d")]
[JsonDerivedType(typeof(FlattenNode), "flatten")]
[JsonDerivedType(typeof(DelayNode), "delay")]
[JsonDerivedType(typeof(ReluNode), "relu")]
[JsonDerivedType(typeof(IfNode), "if")]
[JsonDerivedType(typeof(LifNode), "lif")]
[JsonDerivedType(typeof(CubaLifNode), "cubaLif")]
[JsonDerivedType(typeof(ThresholdNode), "threshold")]
public abstract record GraphNode
{
    public required string Name { get; init; }

    /// <summary>The node's type name, as written in JSON.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    [JsonIgnore]
    public abstract NodeRole Role { get; }

    /// <summary>The shape the node's own parameters fix, if any (an Input's shape, a neuron's parameter shape).</summary>
    [JsonIgnore]
    public virtual int[]? DeclaredShape => null;

    /// <summary>The output shape for an input of <paramref name="input"/>; throws naming the node and the mismatch.</summary>
    public abstract int[] OutputShape(int[] input);

    /// <summary>An error in this node's parameters or inputs, prefixed with the node's name and kind.</summary>
    protected UserInputException Invalid(string message) => new($"Node '{Name}' ({Kind}): {message}");

    /// <summary>Checks that a parameter has one element (broadcast) or exactly <paramref name="count"/>.</summary>
    protected void RequireBroadcast(FloatTensor tensor, string parameter, long count)
    {
        RequireConsistent(tensor, parameter);
        if (tensor.Count != 1 && tensor.Count != count)
        {
            throw Invalid($"parameter '{parameter}' has {tensor.Count} elements (shape {ShapeMath.Format(tensor.Shape)}) but the node has {count}; give one value or one per element.");
        }
    }

    /// <summary>Checks that a tensor's data length equals its shape's element count.</summary>
    protected void RequireConsistent(FloatTensor tensor, string parameter)
    {
        if (ShapeMath.Product(tensor.Shape) != tensor.Count)
        {
            throw Invalid($"parameter '{parameter}' declares shape {ShapeMath.Format(tensor.Shape)} ({ShapeMath.Product(tensor.Shape)} elements) but holds {tensor.Count} values.");
        }
    }

    /// <summary>Checks that the input is the 1-D vector a matrix node expects.</summary>
    protected void RequireVector(int[] input, int length)
    {
        if (input.Length != 1 || input[0] != length)
        {
            string hint = ShapeMath.Product(input) == length ? " Insert a Flatten node before it." : "";
            throw Invalid($"expects an input of shape [{length}] but receives {ShapeMath.Format(input)}.{hint}");
        }
    }
}
