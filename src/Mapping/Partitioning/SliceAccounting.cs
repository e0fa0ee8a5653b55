using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Lowering;
using NeuroChip.Mapping.Quantization;

namespace NeuroChip.Mapping.Partitioning;

/// <summary>
/// Counts what a slice needs of a core, the way <see cref="SynapseMemory"/> and the chip image count
/// it: one fan-in axon per (projection, source neuron) with a synapse in the slice, each row stored
/// sparse or dense — whichever takes fewer bits (dense needs one delay for the row) — plus the learning
/// state a plastic projection keeps per synapse and a population keeps per core.
/// </summary>
internal sealed class SliceAccounting
{
    private readonly QuantizedNetwork network;
    private readonly int indexBits;
    private readonly int headerBits;
    private readonly List<int>[] incoming;

    public SliceAccounting(QuantizedNetwork network, ChipSpec spec)
    {
        this.network = network;
        indexBits = SynapseMemory.IndexBits(spec.Core.MaxNeurons);
        headerBits = spec.Formats.RowHeaderBits;
        incoming = Enumerable.Range(0, network.Populations.Count).Select(_ => new List<int>()).ToArray();
        for (int j = 0; j < network.Projections.Count; j++)
        {
            incoming[network.Projections[j].TargetPopulation].Add(j);
        }
    }

    public IReadOnlyList<int> Incoming(int population) => incoming[population];

    /// <summary>Distinct profiles among neurons [<paramref name="lo"/>, <paramref name="hi"/>).</summary>
    public int Profiles(int population, int lo, int hi)
    {
        int[] index = network.Populations[population].ProfileIndex;
        var seen = new HashSet<int>();
        for (int i = lo; i < hi; i++)
        {
            seen.Add(index[i]);
        }

        return seen.Count;
    }

    /// <summary>Fan-in axons, synapse memory bits and synapses of the slice [<paramref name="lo"/>, <paramref name="hi"/>).</summary>
    public (int Axons, long Bits, long Synapses) Inbound(int population, int lo, int hi)
    {
        long axons = 0;
        long bits = 0;
        long synapses = 0;
        foreach (int j in incoming[population])
        {
            QuantizedProjection projection = network.Projections[j];
            SynapseLayout layout = projection.Layout;
            long before = synapses;
            if (layout.IsDense)
            {
                axons += layout.SourceCount;
                bits += layout.SourceCount * SynapseMemory.DenseBits(hi - lo, projection.WeightBits, headerBits);
                synapses += (long)layout.SourceCount * (hi - lo);
            }
            else
            {
                for (int s = 0; s < layout.SourceCount; s++)
                {
                    (int start, int end) = layout.RowRange(s, lo, hi);
                    if (end > start)
                    {
                        axons++;
                        synapses += end - start;
                        bits += RowBits(projection, s, start, end).Bits;
                    }
                }
            }

            bits += (synapses - before) * projection.LearningBitsPerSynapse;
        }

        if (hi > lo)
        {
            bits += network.Populations[population].LearningBitsPerCore;
        }

        return ((int)Math.Min(int.MaxValue, axons), bits, synapses);
    }

    /// <summary>Bits of the row segment [<paramref name="start"/>, <paramref name="end"/>) of source <paramref name="source"/> and whether dense is the smaller encoding.</summary>
    public (long Bits, bool Dense) RowBits(QuantizedProjection projection, int source, int start, int end)
    {
        SynapseLayout layout = projection.Layout;
        int count = end - start;
        bool uniform = true;
        bool hasDelays = false;
        int first = layout.DelayAt(start);
        for (int k = start; k < end && !(hasDelays && !uniform); k++)
        {
            int d = layout.DelayAt(k);
            hasDelays |= d != 0;
            uniform &= d == first;
        }

        long sparse = SynapseMemory.SparseBits(count, projection.WeightBits, hasDelays, indexBits, headerBits);
        if (!uniform)
        {
            return (sparse, false);
        }

        int span = layout.TargetAt(source, end - 1) - layout.TargetAt(source, start) + 1;
        bool duplicates = span < count;
        long dense = SynapseMemory.DenseBits(span, projection.WeightBits, headerBits);
        return !duplicates && dense <= sparse ? (dense, true) : (sparse, false);
    }

    /// <summary>
    /// Route entries each neuron of <paramref name="population"/> needs: one per (outgoing projection,
    /// target slice) that its row reaches, given the target populations' slice sizes.
    /// </summary>
    public int[] RouteEntries(int population, IReadOnlyList<int> sliceSize)
    {
        var entries = new int[network.Populations[population].Size];
        foreach (QuantizedProjection projection in network.Projections)
        {
            if (projection.Source != new ProjectionSource(SourceKind.Population, population))
            {
                continue;
            }

            SynapseLayout layout = projection.Layout;
            int size = sliceSize[projection.TargetPopulation];
            if (layout.IsDense)
            {
                int slices = (layout.TargetCount + size - 1) / size;
                for (int s = 0; s < entries.Length; s++)
                {
                    entries[s] += slices;
                }

                continue;
            }

            for (int s = 0; s < layout.SourceCount; s++)
            {
                int last = -1;
                for (int k = layout.RowStart(s); k < layout.RowEnd(s); k++)
                {
                    int slice = layout.TargetAt(s, k) / size;
                    if (slice != last)
                    {
                        entries[s]++;
                        last = slice;
                    }
                }
            }
        }

        return entries;
    }
}
