namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>
/// TensorShapeProto.Dimension: a fixed size (<see cref="Value"/>), a symbolic one (<see cref="Parameter"/>, e.g. "batch"),
/// or unknown (both null).
/// </summary>
public readonly record struct OnnxDimension(long? Value, string? Parameter)
{
    public static OnnxDimension Fixed(long value) => new(value, null);

    public static OnnxDimension Symbolic(string name) => new(null, name);

    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Parameter ?? "?";
}
