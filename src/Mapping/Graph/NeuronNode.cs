using System.Text.Json.Serialization;

namespace NeuroChip.Mapping.Graph;

/// <summary>
/// A spiking population. Parameters hold one value per neuron (the node's shape) or a single value
/// that broadcasts. Time is discrete with step <c>dt</c> = <see cref="NetworkGraph.TimeStep"/> (the unit
/// the τ parameters use); each tick updates the state by forward Euler in the order the node documents,
/// then spikes when <c>v &gt; v_threshold</c> and resets by <see cref="Reset"/>.
/// </summary>
public abstract record NeuronNode : GraphNode
{
    public required FloatTensor VThreshold { get; init; }

    /// <summary>Voltage after a spike when <see cref="Reset"/> is <see cref="GraphResetMode.ToValue"/>.</summary>
    public FloatTensor VReset { get; init; } = FloatTensor.Scalar(0f);

    public GraphResetMode Reset { get; init; } = GraphResetMode.ToValue;

    /// <summary>Initial voltage.</summary>
    public FloatTensor VInitial { get; init; } = FloatTensor.Scalar(0f);

    public override NodeRole Role => NodeRole.Neuron;

    /// <summary>Every per-neuron parameter with its name, for shape checks.</summary>
    [JsonIgnore]
    public abstract IEnumerable<(string Name, FloatTensor Value)> Parameters { get; }

    public override int[]? DeclaredShape => Parameters.Select(p => p.Value).FirstOrDefault(t => t.Count > 1)?.Shape;

    public override int[] OutputShape(int[] input)
    {
        long count = ShapeMath.Product(input);
        foreach ((string name, FloatTensor value) in Parameters)
        {
            RequireBroadcast(value, name, count);
        }

        return input;
    }

    protected IEnumerable<(string Name, FloatTensor Value)> CommonParameters()
    {
        yield return ("vThreshold", VThreshold);
        yield return ("vReset", VReset);
        yield return ("vInitial", VInitial);
    }
}
