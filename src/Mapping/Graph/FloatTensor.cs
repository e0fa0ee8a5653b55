using System.Text.Json.Serialization;

namespace NeuroChip.Mapping.Graph;

/// <summary>
/// A float array with an explicit shape, stored row-major (C order, last index fastest) as NIR and
/// NumPy do. A parameter of one element broadcasts over a node's shape.
/// </summary>
public sealed record FloatTensor
{
    public required int[] Shape { get; init; }

    public required float[] Data { get; init; }

    [JsonIgnore]
    public int Count => Data.Length;

    /// <summary>Element <paramref name="index"/>, or the single element when the tensor broadcasts.</summary>
    public float At(int index) => Data.Length == 1 ? Data[0] : Data[index];

    public static FloatTensor Scalar(float value) => new() { Shape = [], Data = [value] };

    /// <summary>Wraps <paramref name="data"/> (not copied) with <paramref name="shape"/>; the element counts must agree.</summary>
    public static FloatTensor Of(float[] data, params int[] shape)
    {
        long count = ShapeMath.Product(shape);
        if (count != data.Length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] holds {count} elements but {data.Length} were given.", nameof(data));
        }

        return new FloatTensor { Shape = shape, Data = data };
    }

    /// <summary>A tensor of <paramref name="shape"/> filled with <paramref name="value"/>.</summary>
    public static FloatTensor Filled(float value, params int[] shape)
    {
        var data = new float[ShapeMath.Product(shape)];
        Array.Fill(data, value);
        return new FloatTensor { Shape = shape, Data = data };
    }
}
