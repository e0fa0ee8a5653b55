using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NeuroChip.EventSim.Engine;

/// <summary>
/// Packets in flight between cores. Each worker owns one outbox per destination core for the tick
/// being computed (written in Route) while the previous tick's outboxes are read in Deliver; the two
/// sets swap at the barrier. A packet is an axon id and a payload (1 for a binary spike). Capacities are
/// fixed at construction from the routing tables (a neuron sends at most one packet per routing entry
/// per tick), so routing never allocates.
/// </summary>
internal sealed class Outboxes
{
    private readonly int workers;
    private readonly int coreCount;
    private readonly int[][][] axons;   // [set][worker * coreCount + destination] → axon ids
    private readonly int[][][] payloads; // parallel to axons
    private readonly int[][] counts;    // [set][worker * coreCount + destination]
    private int writing;

    public Outboxes(CoreRuntime[] cores, int[][] workerCores)
    {
        workers = workerCores.Length;
        coreCount = cores.Length;
        var capacity = new int[workers * coreCount];
        for (int w = 0; w < workers; w++)
        {
            foreach (int c in workerCores[w])
            {
                foreach (int destination in cores[c].RouteDestinations)
                {
                    capacity[(w * coreCount) + destination]++;
                }
            }
        }

        axons = new int[2][][];
        payloads = new int[2][][];
        counts = new int[2][];
        for (int set = 0; set < 2; set++)
        {
            axons[set] = capacity.Select(n => new int[n]).ToArray();
            payloads[set] = capacity.Select(n => new int[n]).ToArray();
            counts[set] = new int[workers * coreCount];
        }

        WorkerOf = new int[coreCount];
        for (int w = 0; w < workers; w++)
        {
            foreach (int c in workerCores[w])
            {
                WorkerOf[c] = w;
            }
        }
    }

    public int[] WorkerOf { get; }

    /// <summary>
    /// Deliver phase: the packets routed to <paramref name="core"/> last tick, in worker order. The inbox is
    /// known before delivery starts, so row headers and the first synapses of the rows a few packets ahead are
    /// prefetched: the two dependent cache misses per packet overlap instead of queueing.
    /// </summary>
    public void DeliverTo(CoreRuntime core, int now)
    {
        int reading = 1 - writing;
        CompiledRow[] rows = core.Synapses.Rows;
        uint[] packed = core.Synapses.Packed;
        for (int w = 0; w < workers; w++)
        {
            int slot = (w * coreCount) + core.Index;
            int count = counts[reading][slot];
            int[] buffer = axons[reading][slot];
            int[] payload = payloads[reading][slot];
            if (Sse.IsSupported && count > 1)
            {
                for (int k = 0; k < count; k++)
                {
                    PrefetchRow(rows, buffer[k]);
                }

                for (int k = 0; k < count; k++)
                {
                    if (k + 2 < count)
                    {
                        PrefetchSynapses(rows, packed, buffer[k + 2]);
                    }

                    Delivery.Deliver(core, buffer[k], payload[k], now);
                }
            }
            else
            {
                for (int k = 0; k < count; k++)
                {
                    Delivery.Deliver(core, buffer[k], payload[k], now);
                }
            }
        }
    }

    private static unsafe void PrefetchRow(CompiledRow[] rows, int axon) =>
        Sse.Prefetch0(Unsafe.AsPointer(ref rows[axon]));

    private static unsafe void PrefetchSynapses(CompiledRow[] rows, uint[] packed, int axon)
    {
        int start = rows[axon].Start;
        if (start < packed.Length)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref packed[start]));
        }
    }

    /// <summary>
    /// Route phase: one packet per routing entry of every neuron that spiked this tick (payload 1); on a graded
    /// core, of every neuron whose payload (its spike payload if it spiked, plus its graded offset) is non-zero.
    /// </summary>
    public void Route(CoreRuntime core, int worker)
    {
        if (core.Graded)
        {
            RouteGraded(core, worker);
            return;
        }

        for (int s = 0; s < core.SpikeCount; s++)
        {
            Send(core, worker, core.SpikeBuffer[s], 1);
        }
    }

    private void RouteGraded(CoreRuntime core, int worker)
    {
        bool[] spiked = core.GradedSpiked;
        for (int s = 0; s < core.SpikeCount; s++)
        {
            spiked[core.SpikeBuffer[s]] = true;
        }

        int[] offset = core.GradedOffset;
        int[] unit = core.SpikePayload;
        for (int neuron = 0; neuron < core.NeuronCount; neuron++)
        {
            int payload = offset[neuron] + (spiked[neuron] ? unit[neuron] : 0);
            spiked[neuron] = false;
            if (payload != 0)
            {
                Send(core, worker, neuron, payload);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Send(CoreRuntime core, int worker, int neuron, int payload)
    {
        int[] offsets = core.RouteOffsets;
        int[] destinations = core.RouteDestinations;
        int[] routeAxons = core.RouteAxons;
        int[] count = counts[writing];
        int[][] buffers = axons[writing];
        int[][] values = payloads[writing];
        int baseSlot = worker * coreCount;
        for (int k = offsets[neuron]; k < offsets[neuron + 1]; k++)
        {
            int destination = destinations[k];
            int slot = baseSlot + destination;
            values[slot][count[slot]] = payload;
            buffers[slot][count[slot]++] = routeAxons[k];
            core.PacketsTo[destination]++;
            core.TickPacketsTo[destination]++;
        }

        core.PacketsSent += offsets[neuron + 1] - offsets[neuron];
    }

    /// <summary>At the barrier: last tick's inboxes are consumed; this tick's outboxes become the next inboxes.</summary>
    public void Swap()
    {
        writing = 1 - writing;
        Array.Clear(counts[writing]);
    }

    public void Clear()
    {
        Array.Clear(counts[0]);
        Array.Clear(counts[1]);
    }
}
