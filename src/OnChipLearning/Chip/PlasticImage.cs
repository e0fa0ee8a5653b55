using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>A learning layout's chip image with its dense synapse rows read back from a running simulator.</summary>
internal static class PlasticImage
{
    /// <summary>
    /// <paramref name="image"/> with every core's dense rows replaced by the weights the simulator holds now, so the
    /// result runs inference as trained. Every row of a learning layout is dense.
    /// </summary>
    public static ChipImage Export(ChipImage image, SimulatorView view) => image with
    {
        Cores = image.Cores.Select(core =>
        {
            int index = view.IndexOf(core.CoreId);
            return core with
            {
                Axons = core.Axons.Select((row, a) => (SynapseRow)((DenseRow)row with { Weights = view.DenseRowWeights(index, a).ToArray() })).ToArray(),
            };
        }).ToArray(),
    };
}
