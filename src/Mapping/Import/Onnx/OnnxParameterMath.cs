using NeuroChip.EventSim;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>Per-channel parameter arithmetic the importer uses to turn constants into biases and to fold normalisation.</summary>
internal static class OnnxParameterMath
{
    internal static float[] Broadcast(float[] values, int count, string where, string what)
    {
        if (values.Length == count)
        {
            return (float[])values.Clone();
        }

        if (values.Length == 1)
        {
            var filled = new float[count];
            Array.Fill(filled, values[0]);
            return filled;
        }

        throw new UserInputException($"{where}: {what} has {values.Length} values; expected 1 or {count}.");
    }

    /// <summary>A constant added to a conv output [C, H, W] must be per channel: shape [C, 1, 1], [1, C, 1, 1], [C] or a scalar.</summary>
    internal static float[] ChannelConstant(float[] values, int channels, string where) =>
        Broadcast(values, channels, where, "the added constant (per channel)");

    internal static float[] Sum(float[] a, float[] b)
    {
        var sum = new float[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            sum[i] = a[i] + b[i];
        }

        return sum;
    }

    internal static float[] Fold(float[] bias, float[] scale, float[] shift)
    {
        var folded = new float[bias.Length];
        for (int c = 0; c < bias.Length; c++)
        {
            folded[c] = (bias[c] * scale[c]) + shift[c];
        }

        return folded;
    }

    /// <summary>Multiplies every element of row (first-axis slice) o by scale[o].</summary>
    internal static FloatTensor ScaleRows(FloatTensor weight, float[] scale)
    {
        int rowLength = weight.Count / weight.Shape[0];
        var data = new float[weight.Count];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = weight.Data[i] * scale[i / rowLength];
        }

        return FloatTensor.Of(data, weight.Shape);
    }
}
