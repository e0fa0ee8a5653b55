using System.Numerics.Tensors;
using NeuroChip.Data;

namespace NeuroChip.Training;

/// <summary>
/// y[co, oy, ox] = b[co] + Σ_{ci,ky,kx} W[co, ci, ky, kx]·x[ci, oy + ky − pad, ox + kx − pad] (zero outside), stride 1.
/// Computed through an im2col matrix col[(ci, ky, kx), (oy, ox)] so every inner loop is a vectorised row operation.
/// Parameters: W ([out, in, k, k], row-major) then b.
/// </summary>
internal sealed class Conv2dLayer : Layer
{
    private readonly int _inChannels;
    private readonly int _outChannels;
    private readonly int _k;
    private readonly int _pad;
    private readonly int _positions;
    private readonly int _rows;

    public Conv2dLayer(SampleShape input, SampleShape output, Conv2dSpec spec)
        : base(input, output)
    {
        _inChannels = input.Channels;
        _outChannels = spec.OutChannels;
        _k = spec.KernelSize;
        _pad = spec.Padding;
        HasBias = spec.Bias;
        _positions = output.Height * output.Width;
        _rows = _inChannels * _k * _k;
    }

    public bool HasBias { get; }

    public int KernelSize => _k;

    public int Padding => _pad;

    public override int ParameterCount => (_outChannels * _rows) + (HasBias ? _outChannels : 0);

    /// <summary>im2col matrix and its gradient.</summary>
    public override int ScratchLength => 2 * _rows * _positions;

    /// <summary>He initialisation: weights ~ N(0, 2 / (in·k·k)), biases 0.</summary>
    public override void Initialise(Span<float> parameters, Random random)
    {
        FillNormal(parameters[..(_outChannels * _rows)], random, Math.Sqrt(2.0 / _rows));
        parameters[(_outChannels * _rows)..].Clear();
    }

    public override void Forward(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> parameters, Span<float> scratch)
    {
        Span<float> col = scratch[..(_rows * _positions)];
        Im2Col(x, col);
        for (int co = 0; co < _outChannels; co++)
        {
            Span<float> yRow = y.Slice(co * _positions, _positions);
            yRow.Fill(HasBias ? parameters[(_outChannels * _rows) + co] : 0f);
            ReadOnlySpan<float> w = parameters.Slice(co * _rows, _rows);
            for (int r = 0; r < _rows; r++)
            {
                TensorPrimitives.MultiplyAdd(col.Slice(r * _positions, _positions), w[r], yRow, yRow);
            }
        }
    }

    public override void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx,
        ReadOnlySpan<float> parameters, Span<float> parameterGradient, Span<float> scratch)
    {
        int size = _rows * _positions;
        Span<float> col = scratch[..size];
        Span<float> dCol = scratch.Slice(size, size);
        Im2Col(x, col);
        bool needInput = !dx.IsEmpty;
        if (needInput)
        {
            dCol.Clear();
        }

        for (int co = 0; co < _outChannels; co++)
        {
            ReadOnlySpan<float> dyRow = dy.Slice(co * _positions, _positions);
            if (HasBias)
            {
                parameterGradient[(_outChannels * _rows) + co] += TensorPrimitives.Sum(dyRow);
            }

            Span<float> gw = parameterGradient.Slice(co * _rows, _rows);
            ReadOnlySpan<float> w = parameters.Slice(co * _rows, _rows);
            for (int r = 0; r < _rows; r++)
            {
                ReadOnlySpan<float> colRow = col.Slice(r * _positions, _positions);
                gw[r] += TensorPrimitives.Dot(dyRow, colRow);
                if (needInput)
                {
                    Span<float> dColRow = dCol.Slice(r * _positions, _positions);
                    TensorPrimitives.MultiplyAdd(dyRow, w[r], dColRow, dColRow);
                }
            }
        }

        if (needInput)
        {
            Col2ImAdd(dCol, dx);
        }
    }

    /// <summary>col[(ci·k + ky)·k + kx, oy·Wout + ox] = x[ci, oy + ky − pad, ox + kx − pad], zero outside the image.</summary>
    private void Im2Col(ReadOnlySpan<float> x, Span<float> col)
    {
        int h = Input.Height, w = Input.Width, outH = Output.Height, outW = Output.Width;
        for (int ci = 0; ci < _inChannels; ci++)
        {
            for (int ky = 0; ky < _k; ky++)
            {
                for (int kx = 0; kx < _k; kx++)
                {
                    Span<float> row = col.Slice((((ci * _k) + ky) * _k + kx) * _positions, _positions);
                    (int ox0, int ox1) = ValidRange(kx, w, outW);
                    for (int oy = 0; oy < outH; oy++)
                    {
                        Span<float> dst = row.Slice(oy * outW, outW);
                        int iy = oy + ky - _pad;
                        if (iy < 0 || iy >= h || ox0 >= ox1)
                        {
                            dst.Clear();
                            continue;
                        }

                        dst[..ox0].Clear();
                        x.Slice((ci * h * w) + (iy * w) + ox0 + kx - _pad, ox1 - ox0).CopyTo(dst[ox0..ox1]);
                        dst[ox1..].Clear();
                    }
                }
            }
        }
    }

    /// <summary>The inverse scatter of <see cref="Im2Col"/>: dx[ci, iy, ix] += dCol[...] over every position that read it.</summary>
    private void Col2ImAdd(ReadOnlySpan<float> dCol, Span<float> dx)
    {
        int h = Input.Height, w = Input.Width, outH = Output.Height, outW = Output.Width;
        dx.Clear();
        for (int ci = 0; ci < _inChannels; ci++)
        {
            for (int ky = 0; ky < _k; ky++)
            {
                for (int kx = 0; kx < _k; kx++)
                {
                    ReadOnlySpan<float> row = dCol.Slice((((ci * _k) + ky) * _k + kx) * _positions, _positions);
                    (int ox0, int ox1) = ValidRange(kx, w, outW);
                    if (ox0 >= ox1)
                    {
                        continue;
                    }

                    for (int oy = 0; oy < outH; oy++)
                    {
                        int iy = oy + ky - _pad;
                        if (iy < 0 || iy >= h)
                        {
                            continue;
                        }

                        Span<float> target = dx.Slice((ci * h * w) + (iy * w) + ox0 + kx - _pad, ox1 - ox0);
                        TensorPrimitives.Add(target, row.Slice((oy * outW) + ox0, ox1 - ox0), target);
                    }
                }
            }
        }
    }

    /// <summary>Output columns [ox0, ox1) whose input column ox + kx − pad lies inside [0, width).</summary>
    private (int Start, int End) ValidRange(int kx, int width, int outWidth)
    {
        int start = Math.Max(0, _pad - kx);
        int end = Math.Min(outWidth, width + _pad - kx);
        return (start, end);
    }
}
