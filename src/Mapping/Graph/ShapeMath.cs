namespace NeuroChip.Mapping.Graph;

/// <summary>Small helpers for shapes: element counts, equality and printing.</summary>
public static class ShapeMath
{
    /// <summary>Number of elements; the empty shape (a scalar) holds one.</summary>
    public static long Product(IReadOnlyList<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            n *= d;
        }

        return n;
    }

    public static bool Same(IReadOnlyList<int> a, IReadOnlyList<int> b) => a.Count == b.Count && a.SequenceEqual(b);

    public static string Format(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";
}
