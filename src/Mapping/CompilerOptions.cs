using NeuroChip.Mapping.Placement;
using NeuroChip.Mapping.Quantization;

namespace NeuroChip.Mapping;

/// <summary>Options of <c>Compiler.Compile</c>.</summary>
public sealed record CompilerOptions
{
    public QuantizationOptions Quantization { get; init; } = new();

    public PlacementOptions Placement { get; init; } = new();

    /// <summary>Expected spikes per neuron per tick, by population (graph node) name; unnamed populations count 1 (uniform).</summary>
    public IReadOnlyDictionary<string, double> FiringRates { get; init; } = new Dictionary<string, double>();

    /// <summary>Run <see cref="Routing.RouteChecker"/> on the emitted image (costs about as much as emission).</summary>
    public bool VerifyRoutes { get; init; } = true;
}
