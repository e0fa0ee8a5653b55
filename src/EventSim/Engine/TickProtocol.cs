namespace NeuroChip.EventSim.Engine;

/// <summary>
/// The phases of one tick, in the fixed order every core follows. This is the engine's protocol:
/// what each phase may read and write is stated here once.
/// <list type="number">
/// <item><b>Deliver</b> — axon events due this tick (packets routed last tick, and host input
/// spikes for this tick) walk their synapse rows and add <c>(weight &lt;&lt; exp) · payload</c> into each
/// target's accumulator in the delay-ring slot <c>t + delay</c>. Reads: inboxes, synapse memory.
/// Writes: the core's own delay ring.</item>
/// <item><b>Update</b> — every neuron steps (see <see cref="Neurons.LifFixedModel"/>); neurons with
/// non-zero state, input, bias or refractory count are counted as active, the rest as idle. Reads:
/// the ring slot of tick t (then clears it), held input currents. Writes: the core's own u, v,
/// refractory counters and its spike list.</item>
/// <item><b>Route</b> — each spike follows its routing-table entries; one packet per entry is put in
/// the sending worker's outbox for the destination core, to be delivered at t + 1. Reads: the spike
/// list, the routing table. Writes: the worker's own outboxes and packet counters.</item>
/// <item><b>Barrier</b> — all workers wait; outboxes are swapped; the optional timing replay and the
/// learning hook run on one thread. Nothing else runs, so they see a consistent chip.</item>
/// <item><b>Probe</b> — counters are kept during the phases above; spikes and voltages are recorded
/// only for the neurons asked for.</item>
/// </list>
/// Integer accumulation is order-independent, so the spike raster is bit-identical for any number of
/// worker threads.
/// </summary>
public enum TickPhase
{
    Deliver,
    Update,
    Route,
    Barrier,
    Probe,
}
