using BenchmarkDotNet.Attributes;
using NeuroChip.EventSim.Engine;

namespace NeuroChip.Benchmarks.Engine;

/// <summary>
/// One dense synapse row (a graded input pixel onto a core's learning neurons, 16-bit weights) added into a ring
/// slot: the engine's vector path against the per-synapse 64-bit definition it must equal (the baseline).
/// A negative exponent is the learning layouts' case, a non-negative one the converted networks'.
/// </summary>
[Config(typeof(QuickConfig))]
public class DenseRowBenchmarks
{
    private const int Rows = 256;

    private short[] weights = [];
    private int[] target = [];

    [Params(400, 800)]
    public int RowLength { get; set; }

    [Params(-6, 1)]
    public int Exponent { get; set; }

    /// <summary>Synaptic events per invocation.</summary>
    public static double ItemsPerInvoke(IReadOnlyDictionary<string, object> parameters) => (double)Rows * (int)parameters[nameof(RowLength)];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(5);
        weights = new short[Rows * RowLength];
        for (int k = 0; k < weights.Length; k++)
        {
            weights[k] = (short)rng.Next(short.MinValue, short.MaxValue + 1);
        }

        target = new int[RowLength];
    }

    [Benchmark(Baseline = true)]
    public int PerSynapse()
    {
        for (int r = 0; r < Rows; r++)
        {
            ReadOnlySpan<short> row = weights.AsSpan(r * RowLength, RowLength);
            int payload = 1 + (r & 255);
            for (int k = 0; k < row.Length; k++)
            {
                target[k] += Delivery.Scale(row[k], payload, Exponent);
            }
        }

        return target[0];
    }

    [Benchmark]
    public int Vector()
    {
        for (int r = 0; r < Rows; r++)
        {
            ReadOnlySpan<short> row = weights.AsSpan(r * RowLength, RowLength);
            int payload = 1 + (r & 255);
            if (Exponent >= 0)
            {
                Delivery.DenseAdd(row, target, payload << Exponent, 0);
            }
            else
            {
                Delivery.DenseAdd(row, target, payload, -Exponent);
            }
        }

        return target[0];
    }
}
