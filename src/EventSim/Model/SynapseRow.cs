using System.Text.Json.Serialization;

namespace NeuroChip.EventSim.Model;

/// <summary>How a row is stored in synapse memory.</summary>
public enum RowEncoding
{
    Sparse,
    Dense,
}

/// <summary>
/// The synapses one fan-in axon drives. Each weight is a signed mantissa of <see cref="WeightBits"/>
/// bits; the value added to a target's accumulator is <c>(weight &lt;&lt; WeightExponent) · payload</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "encoding")]
[JsonDerivedType(typeof(SparseRow), "sparse")]
[JsonDerivedType(typeof(DenseRow), "dense")]
public abstract record SynapseRow
{
    /// <summary>Width of the signed weight mantissas, 1–8 (up to 16 for learning weights).</summary>
    public int WeightBits { get; init; } = 8;

    public int WeightExponent { get; init; }

    public required short[] Weights { get; init; }

    [JsonIgnore]
    public RowEncoding Encoding => this is DenseRow ? RowEncoding.Dense : RowEncoding.Sparse;

    [JsonIgnore]
    public int Count => Weights.Length;
}

/// <summary>Explicit (target, weight, delay) triples. <see cref="Delays"/> may be empty when every delay is 0.</summary>
public sealed record SparseRow : SynapseRow
{
    public required int[] Targets { get; init; }

    public int[] Delays { get; init; } = [];

    public int DelayAt(int i) => Delays.Length == 0 ? 0 : Delays[i];
}

/// <summary>Weights for the contiguous targets <c>FirstTarget .. FirstTarget + Count − 1</c>, one delay for the row.</summary>
public sealed record DenseRow : SynapseRow
{
    public required int FirstTarget { get; init; }

    public int Delay { get; init; }
}
