namespace NeuroChip.Mapping.Ann;

/// <summary>
/// The activations of every node for one sample, owned by one caller (one per thread). Created by
/// <see cref="AnnForwardPass.CreateState"/>; filled by <see cref="AnnForwardPass.Run"/>.
/// </summary>
public sealed class AnnState
{
    private readonly float[][] _values;
    private readonly Dictionary<string, int> _index;
    private readonly int _output;

    internal AnnState(float[][] values, Dictionary<string, int> index, int output)
    {
        _values = values;
        _index = index;
        _output = output;
    }

    internal float[] this[int step] => _values[step];

    /// <summary>The output of node <paramref name="node"/> for the last sample run (flat, row-major).</summary>
    public ReadOnlySpan<float> Activation(string node) =>
        _index.TryGetValue(node, out int i) ? _values[i] : throw new ArgumentException($"No node called '{node}'.", nameof(node));

    /// <summary>The values reaching the graph's output node.</summary>
    public ReadOnlySpan<float> Output => _values[_output];
}
