namespace NeuroChip.Mapping.Graph;

/// <summary>The inferred output shape of every node of a checked graph.</summary>
public sealed class GraphShapes
{
    private readonly Dictionary<string, int[]> shapes;

    internal GraphShapes(Dictionary<string, int[]> shapes)
    {
        this.shapes = shapes;
    }

    /// <summary>The shape of node <paramref name="name"/>'s output.</summary>
    public int[] this[string name] => shapes[name];

    /// <summary>The element count of node <paramref name="name"/>'s output.</summary>
    public int Size(string name) => checked((int)ShapeMath.Product(shapes[name]));
}
