using NeuroChip.Mapping.Lowering;
using NeuroChip.Mapping.Partitioning;
using NeuroChip.Mapping.Quantization;

namespace NeuroChip.Mapping.Placement;

/// <summary>
/// Expected packets per tick between slices, as a symmetric weighted graph in compressed rows (hop
/// counts are symmetric, so a→b and b→a traffic add). A packet per tick is sent for every route entry
/// of a spiking neuron, so the traffic from slice a to slice b is
/// <c>rate(a's population) × (route entries from a's neurons to b)</c>. Input ports are fed by the host and
/// are not counted; traffic within a slice never leaves its core.
/// </summary>
public sealed class SliceTraffic
{
    private SliceTraffic(int slices, int[] offsets, int[] neighbours, double[] weights)
    {
        SliceCount = slices;
        Offsets = offsets;
        Neighbours = neighbours;
        Weights = weights;
    }

    public int SliceCount { get; }

    public int[] Offsets { get; }

    public int[] Neighbours { get; }

    public double[] Weights { get; }

    /// <summary>Builds the traffic graph; <paramref name="ratePerPopulation"/> is spikes per neuron per tick (uniform 1 when unknown).</summary>
    public static SliceTraffic Build(QuantizedNetwork network, PartitionPlan plan, IReadOnlyList<double> ratePerPopulation)
    {
        int slices = plan.Slices.Count;
        var pairs = new Dictionary<long, double>();
        void Add(int a, int b, double w)
        {
            if (a == b || w == 0)
            {
                return;
            }

            long key = a < b ? ((long)a * slices) + b : ((long)b * slices) + a;
            pairs[key] = pairs.GetValueOrDefault(key) + w;
        }

        foreach (QuantizedProjection projection in network.Projections)
        {
            if (projection.Source.Kind != SourceKind.Population)
            {
                continue;
            }

            int source = projection.Source.Index;
            int target = projection.TargetPopulation;
            double rate = ratePerPopulation[source];
            SynapseLayout layout = projection.Layout;
            if (layout.IsDense)
            {
                for (int a = plan.FirstSlice[source]; a < plan.FirstSlice[source] + plan.SliceCount(source); a++)
                {
                    for (int b = plan.FirstSlice[target]; b < plan.FirstSlice[target] + plan.SliceCount(target); b++)
                    {
                        Add(a, b, rate * plan.Slices[a].NeuronCount);
                    }
                }

                continue;
            }

            for (int s = 0; s < layout.SourceCount; s++)
            {
                int a = plan.SliceOf(source, s);
                int last = -1;
                for (int k = layout.RowStart(s); k < layout.RowEnd(s); k++)
                {
                    int b = plan.SliceOf(target, layout.TargetAt(s, k));
                    if (b != last)
                    {
                        Add(a, b, rate);
                        last = b;
                    }
                }
            }
        }

        var degree = new int[slices + 1];
        foreach (long key in pairs.Keys)
        {
            degree[(int)(key / slices) + 1]++;
            degree[(int)(key % slices) + 1]++;
        }

        for (int i = 0; i < slices; i++)
        {
            degree[i + 1] += degree[i];
        }

        var fill = (int[])degree.Clone();
        var neighbours = new int[degree[slices]];
        var weights = new double[degree[slices]];
        foreach ((long key, double w) in pairs.OrderBy(p => p.Key))
        {
            int a = (int)(key / slices);
            int b = (int)(key % slices);
            neighbours[fill[a]] = b;
            weights[fill[a]++] = w;
            neighbours[fill[b]] = a;
            weights[fill[b]++] = w;
        }

        return new SliceTraffic(slices, degree, neighbours, weights);
    }

    /// <summary>Σ traffic × hops for a placement (each pair counted once).</summary>
    public double Cost(IReadOnlyList<int> coreOfSlice, HopTable hops)
    {
        double cost = 0;
        for (int a = 0; a < SliceCount; a++)
        {
            for (int k = Offsets[a]; k < Offsets[a + 1]; k++)
            {
                int b = Neighbours[k];
                if (b > a)
                {
                    cost += Weights[k] * hops.Between(coreOfSlice[a], coreOfSlice[b]);
                }
            }
        }

        return cost;
    }
}
