using System.Globalization;
using System.Text;

namespace NeuroChip.Mapping.Quantization;

/// <summary>
/// Where precision was lost in one quantity of one layer. Errors are in the float units of the quantity
/// (membrane units for weights, thresholds and biases; fractions per tick for decays).
/// </summary>
public sealed record LayerQuantizationStats(
    string Layer,
    string Quantity,
    long Count,
    double ClippedFraction,
    double MaxAbsError,
    double RmsError,
    double MaxAbsValue);

/// <summary>Quantisation statistics for a whole network, one row per layer and quantity.</summary>
public sealed record QuantizationStats(IReadOnlyList<LayerQuantizationStats> Layers)
{
    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"layer",-40} {"quantity",-10} {"count",12} {"clipped",9} {"max err",11} {"rms err",11} {"max |x|",11}");
        foreach (LayerQuantizationStats s in Layers)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{Truncate(s.Layer, 40),-40} {s.Quantity,-10} {s.Count,12:N0} {s.ClippedFraction,9:P2} {s.MaxAbsError,11:G4} {s.RmsError,11:G4} {s.MaxAbsValue,11:G4}");
        }

        return text.ToString();
    }

    private static string Truncate(string s, int width) => s.Length <= width ? s : "…" + s[^(width - 1)..];
}

/// <summary>Accumulates error statistics of one quantity.</summary>
internal sealed class ErrorAccumulator
{
    private long count;
    private long clipped;
    private double maxError;
    private double sumSquares;
    private double maxValue;

    public void Add(double exact, double quantised, bool wasClipped)
    {
        double error = Math.Abs(quantised - exact);
        count++;
        clipped += wasClipped ? 1 : 0;
        maxError = Math.Max(maxError, error);
        maxValue = Math.Max(maxValue, Math.Abs(exact));
        sumSquares += error * error;
    }

    public void Merge(ErrorAccumulator other)
    {
        count += other.count;
        clipped += other.clipped;
        maxError = Math.Max(maxError, other.maxError);
        maxValue = Math.Max(maxValue, other.maxValue);
        sumSquares += other.sumSquares;
    }

    public LayerQuantizationStats ToStats(string layer, string quantity) => new(
        layer,
        quantity,
        count,
        count == 0 ? 0 : (double)clipped / count,
        maxError,
        count == 0 ? 0 : Math.Sqrt(sumSquares / count),
        maxValue);
}
