using System.Numerics;
using System.Runtime.InteropServices;

namespace NeuroChip.Mapping.Ann;

/// <summary>
/// The few vectorised span operations the ANN forward pass needs, on <see cref="Vector{T}"/> (the Mapping
/// assembly uses the BCL only for this). Each handles the tail that does not fill a vector with scalar code.
/// </summary>
internal static class SpanMath
{
    /// <summary>Σ a[i]·b[i] over the common length of a.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length, i = 0;
        var acc = Vector<float>.Zero;
        ReadOnlySpan<Vector<float>> va = MemoryMarshal.Cast<float, Vector<float>>(a);
        ReadOnlySpan<Vector<float>> vb = MemoryMarshal.Cast<float, Vector<float>>(b[..n]);
        for (int v = 0; v < va.Length; v++)
        {
            acc += va[v] * vb[v];
        }

        i = va.Length * Vector<float>.Count;
        float sum = Vector.Sum(acc);
        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>y[i] += s·x[i].</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> x, float s, Span<float> y)
    {
        int n = y.Length;
        ReadOnlySpan<Vector<float>> vx = MemoryMarshal.Cast<float, Vector<float>>(x[..n]);
        Span<Vector<float>> vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var vs = new Vector<float>(s);
        for (int v = 0; v < vy.Length; v++)
        {
            vy[v] += vx[v] * vs;
        }

        for (int i = vy.Length * Vector<float>.Count; i < n; i++)
        {
            y[i] += s * x[i];
        }
    }

    /// <summary>y[i] = max(x[i], 0).</summary>
    public static void Relu(ReadOnlySpan<float> x, Span<float> y)
    {
        ReadOnlySpan<Vector<float>> vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        Span<Vector<float>> vy = MemoryMarshal.Cast<float, Vector<float>>(y[..x.Length]);
        for (int v = 0; v < vx.Length; v++)
        {
            vy[v] = Vector.Max(vx[v], Vector<float>.Zero);
        }

        for (int i = vx.Length * Vector<float>.Count; i < x.Length; i++)
        {
            y[i] = Math.Max(x[i], 0f);
        }
    }

    /// <summary>y[i] += x[i].</summary>
    public static void Add(ReadOnlySpan<float> x, Span<float> y) => MultiplyAdd(x, 1f, y);

    /// <summary>y[i] = x[i]·s[i], or x[i]·s[0] when s has one element.</summary>
    public static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> s, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] * (s.Length == 1 ? s[0] : s[i]);
        }
    }
}
