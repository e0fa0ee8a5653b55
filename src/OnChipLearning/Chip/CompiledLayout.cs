using NeuroChip.EventSim.Model;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>
/// What every learning layout has once the compiler has laid it out: the compiler's result (partition, placement,
/// routes, the route check), the chip image it emitted, and the readout's scale.
/// </summary>
public abstract class CompiledLayout(PlasticCompilation compilation, long readoutUnits)
{
    /// <summary>The compiler's result: partition, placement, routes and the route check.</summary>
    public PlasticCompilation Compilation { get; } = compilation;

    public ChipImage Image => Compilation.Image;

    /// <summary>One readout unit in u-register units.</summary>
    public long ReadoutUnits { get; } = readoutUnits;
}
