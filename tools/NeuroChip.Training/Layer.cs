using NeuroChip.Data;

namespace NeuroChip.Training;

/// <summary>
/// One layer of the reference network, processing one sample at a time over spans the caller owns (no allocation).
/// Parameters and their gradients are this layer's slices of the network's flat arrays.
/// </summary>
internal abstract class Layer(SampleShape input, SampleShape output)
{
    public SampleShape Input { get; } = input;

    public SampleShape Output { get; } = output;

    public virtual int ParameterCount => 0;

    /// <summary>Floats of scratch space Forward and Backward may use.</summary>
    public virtual int ScratchLength => 0;

    public virtual void Initialise(Span<float> parameters, Random random)
    {
    }

    public abstract void Forward(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> parameters, Span<float> scratch);

    /// <summary>
    /// Adds dLoss/dParameters into <paramref name="parameterGradient"/> and writes dLoss/dx into <paramref name="dx"/>
    /// unless it is empty (the first layer needs no input gradient).
    /// </summary>
    public abstract void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx,
        ReadOnlySpan<float> parameters, Span<float> parameterGradient, Span<float> scratch);

    /// <summary>Gaussian samples (Box–Muller) with standard deviation <paramref name="std"/>.</summary>
    protected static void FillNormal(Span<float> values, Random random, double std)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            values[i] = (float)(std * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }
    }
}
