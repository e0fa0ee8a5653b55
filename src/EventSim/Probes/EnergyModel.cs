using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Probes;

/// <summary>
/// Energy = Σ counts × labelled coefficients + static power × modelled time. Every packet pays the
/// in-tile spike energy once (entering its tile's router) and each tile hop its east-west or
/// north-south energy. 1 mW × 1 ns = 1 pJ.
/// </summary>
public static class EnergyModel
{
    public static EnergyReport Compute(RunCounters counters, ChipSpec spec, double durationNs)
    {
        EnergyCoefficients e = spec.Energy;
        var lines = new List<EnergyLine>
        {
            Line("synapticOp", e.SynapticOp, counters.TotalSynapticOps, "ops"),
            Line("synapticUpdate", e.SynapticUpdate, counters.TotalSynapticUpdates, "updates"),
            Line("neuronUpdateActive", e.NeuronUpdateActive, counters.TotalActiveUpdates, "updates"),
            Line("neuronUpdateIdle", e.NeuronUpdateIdle, counters.TotalIdleUpdates, "updates"),
            Line("spikeInTile", e.SpikeInTile, counters.TotalPackets, "packets"),
            Line("hopEastWest", e.HopEastWest, counters.TotalHopsEastWest, "hops"),
            Line("hopNorthSouth", e.HopNorthSouth, counters.TotalHopsNorthSouth, "hops"),
        };
        double staticPj = e.StaticPower.Value * durationNs;
        lines.Add(new EnergyLine
        {
            Key = "staticPower",
            Operation = e.StaticPower.Operation,
            Count = durationNs,
            CountUnit = "ns",
            Coefficient = e.StaticPower.Value,
            CoefficientUnit = e.StaticPower.Unit,
            Source = e.StaticPower.Source,
            EnergyPj = staticPj,
        });

        var byCore = counters.Cores.Select(c => new CoreEnergy(c.CoreId, c.Label, CoreDynamicPj(c, e))).ToList();
        return new EnergyReport
        {
            ByOperation = lines,
            ByCore = byCore,
            DynamicPj = lines.Where(l => l.Key != "staticPower").Sum(l => l.EnergyPj),
            StaticPj = staticPj,
            DurationNs = durationNs,
        };
    }

    /// <summary>Dynamic energy a core's own work and the packets it sent cost.</summary>
    public static double CoreDynamicPj(CoreCounters c, EnergyCoefficients e) =>
        (c.SynapticOps * e.SynapticOp.Value) + (c.SynapticUpdates * e.SynapticUpdate.Value)
        + (c.ActiveUpdates * e.NeuronUpdateActive.Value) + (c.IdleUpdates * e.NeuronUpdateIdle.Value)
        + (c.PacketsSent * e.SpikeInTile.Value) + (c.HopsEastWest * e.HopEastWest.Value) + (c.HopsNorthSouth * e.HopNorthSouth.Value);

    private static EnergyLine Line(string key, EnergyCoefficient coefficient, long count, string unit) => new()
    {
        Key = key,
        Operation = coefficient.Operation,
        Count = count,
        CountUnit = unit,
        Coefficient = coefficient.Value,
        CoefficientUnit = coefficient.Unit,
        Source = coefficient.Source,
        EnergyPj = count * coefficient.Value,
    };
}
