using System.Numerics.Tensors;
using NeuroChip.Data;

namespace NeuroChip.Training;

/// <summary>y[o] = Σ_i W[o, i]·x[i] + b[o]; parameters laid out as W (row-major [outputs, inputs]) then b.</summary>
internal sealed class DenseLayer(SampleShape input, DenseSpec spec)
    : Layer(input, new SampleShape(spec.Outputs, 1, 1))
{
    private readonly int _in = input.Size;
    private readonly int _out = spec.Outputs;

    public bool HasBias { get; } = spec.Bias;

    public int InputCount => _in;

    public int OutputCount => _out;

    public override int ParameterCount => (_out * _in) + (HasBias ? _out : 0);

    /// <summary>He initialisation: weights ~ N(0, 2 / inputs), biases 0.</summary>
    public override void Initialise(Span<float> parameters, Random random)
    {
        FillNormal(parameters[..(_out * _in)], random, Math.Sqrt(2.0 / _in));
        parameters[(_out * _in)..].Clear();
    }

    public override void Forward(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> parameters, Span<float> scratch)
    {
        for (int o = 0; o < _out; o++)
        {
            float bias = HasBias ? parameters[(_out * _in) + o] : 0f;
            y[o] = TensorPrimitives.Dot(parameters.Slice(o * _in, _in), x) + bias;
        }
    }

    public override void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx,
        ReadOnlySpan<float> parameters, Span<float> parameterGradient, Span<float> scratch)
    {
        if (!dx.IsEmpty)
        {
            dx.Clear();
        }

        for (int o = 0; o < _out; o++)
        {
            float g = dy[o];
            if (g == 0f)
            {
                continue;
            }

            Span<float> gw = parameterGradient.Slice(o * _in, _in);
            TensorPrimitives.MultiplyAdd(x, g, gw, gw);
            if (HasBias)
            {
                parameterGradient[(_out * _in) + o] += g;
            }

            if (!dx.IsEmpty)
            {
                TensorPrimitives.MultiplyAdd(parameters.Slice(o * _in, _in), g, dx, dx);
            }
        }
    }
}
