namespace NeuroChip.Mapping.Samples;

/// <summary>A model parameter as asked for and as the fixed-point configuration realises it.</summary>
public sealed record QuantisedParameter(string Name, double Target, double Achieved, string Unit)
{
    /// <summary>(achieved − target) / target; the absolute difference when the target is 0.</summary>
    public double RelativeError => Target == 0 ? Achieved : (Achieved - Target) / Target;
}

/// <summary>A synaptic weight as the synapse memory stores it: <c>Mantissa &lt;&lt; Exponent</c>, in a <see cref="Bits"/>-bit signed field.</summary>
public readonly record struct RowWeight(int Mantissa, int Exponent, int Bits)
{
    /// <summary>The value added to the accumulator per event (before the neuron's <c>&lt;&lt; 6</c>).</summary>
    public int Input => Mantissa << Exponent;
}
