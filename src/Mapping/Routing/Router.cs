using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Lowering;
using NeuroChip.Mapping.Partitioning;
using NeuroChip.Mapping.Quantization;

namespace NeuroChip.Mapping.Routing;

/// <summary>
/// Builds the routing tables: numbers each slice's fan-in axons (one per projection row with a synapse in
/// the slice, by projection then source neuron), points every source neuron and input channel at the
/// axons that carry its row (learn-phase rows, <see cref="SourceKind.Local"/>, get axons but no route), counts entries against the core limits and the expected load of each
/// link along the dimension-order path (<see cref="MeshTopology.Path"/>).
/// </summary>
public static class Router
{
    public static RoutingPlan Route(QuantizedNetwork network, PartitionPlan plan, IReadOnlyList<int> coreOfSlice, ChipSpec spec, IReadOnlyList<double> ratePerPopulation)
    {
        int slices = plan.Slices.Count;
        var incoming = Enumerable.Range(0, network.Populations.Count).Select(_ => new List<int>()).ToArray();
        for (int j = 0; j < network.Projections.Count; j++)
        {
            incoming[network.Projections[j].TargetPopulation].Add(j);
        }

        var axonProjection = new int[slices][];
        var axonSource = new int[slices][];
        Parallel.For(0, slices, b =>
        {
            CoreSlice slice = plan.Slices[b];
            var projections = new List<int>();
            var sources = new List<int>();
            foreach (int j in incoming[slice.Population])
            {
                SynapseLayout layout = network.Projections[j].Layout;
                for (int s = 0; s < layout.SourceCount; s++)
                {
                    (int start, int end) = layout.RowRange(s, slice.FirstNeuron, slice.EndNeuron);
                    if (end > start)
                    {
                        projections.Add(j);
                        sources.Add(s);
                    }
                }
            }

            if (projections.Count > spec.Core.MaxFanInAxons)
            {
                throw new InvalidOperationException($"Slice {b} got {projections.Count} axons, over the limit the partitioner checked.");
            }

            axonProjection[b] = [.. projections];
            axonSource[b] = [.. sources];
        });

        // Every source neuron and input channel is an endpoint; one pass counts its destinations, one fills them.
        var endpointOf = new int[network.Projections.Count];
        var populationBase = new int[network.Populations.Count];
        var inputBase = new int[network.Inputs.Count];
        int endpoints = 0;
        for (int p = 0; p < network.Populations.Count; p++)
        {
            populationBase[p] = endpoints;
            endpoints += network.Populations[p].Size;
        }

        for (int i = 0; i < network.Inputs.Count; i++)
        {
            inputBase[i] = endpoints;
            endpoints += network.Inputs[i].Size;
        }

        for (int j = 0; j < network.Projections.Count; j++)
        {
            ProjectionSource source = network.Projections[j].Source;
            endpointOf[j] = source.Kind switch
            {
                SourceKind.Population => populationBase[source.Index],
                SourceKind.Input => inputBase[source.Index],
                _ => -1,
            };
        }

        var offsets = new int[endpoints + 1];
        for (int b = 0; b < slices; b++)
        {
            for (int axon = 0; axon < axonProjection[b].Length; axon++)
            {
                if (endpointOf[axonProjection[b][axon]] >= 0)
                {
                    offsets[endpointOf[axonProjection[b][axon]] + axonSource[b][axon] + 1]++;
                }
            }
        }

        for (int e = 0; e < endpoints; e++)
        {
            offsets[e + 1] += offsets[e];
        }

        var cursor = (int[])offsets.Clone();
        var cores = new int[offsets[endpoints]];
        var axons = new int[offsets[endpoints]];
        for (int b = 0; b < slices; b++)
        {
            for (int axon = 0; axon < axonProjection[b].Length; axon++)
            {
                if (endpointOf[axonProjection[b][axon]] < 0)
                {
                    continue;
                }

                int e = endpointOf[axonProjection[b][axon]] + axonSource[b][axon];
                cores[cursor[e]] = coreOfSlice[b];
                axons[cursor[e]++] = axon;
            }
        }

        RouteTable Range(int first, int count)
        {
            var local = new int[count + 1];
            for (int i = 0; i <= count; i++)
            {
                local[i] = offsets[first + i] - offsets[first];
            }

            return new RouteTable
            {
                Offsets = local,
                DestinationCores = cores[offsets[first]..offsets[first + count]],
                DestinationAxons = axons[offsets[first]..offsets[first + count]],
            };
        }

        var sliceRoutes = new RouteTable[slices];
        for (int a = 0; a < slices; a++)
        {
            CoreSlice slice = plan.Slices[a];
            sliceRoutes[a] = Range(populationBase[slice.Population] + slice.FirstNeuron, slice.NeuronCount);
            if (sliceRoutes[a].EntryCount > spec.Core.MaxFanOutRoutes)
            {
                throw new InvalidOperationException($"Slice {a} got {sliceRoutes[a].EntryCount} route entries, over the limit the partitioner checked.");
            }
        }

        var inputRoutes = new RouteTable[network.Inputs.Count];
        for (int i = 0; i < network.Inputs.Count; i++)
        {
            inputRoutes[i] = Range(inputBase[i], network.Inputs[i].Size);
        }

        return new RoutingPlan
        {
            AxonProjection = axonProjection,
            AxonSource = axonSource,
            SliceRoutes = sliceRoutes,
            InputRoutes = inputRoutes,
            LinkLoad = LinkLoads(sliceRoutes, plan, coreOfSlice, spec, ratePerPopulation),
        };
    }

    private static double[] LinkLoads(RouteTable[] sliceRoutes, PartitionPlan plan, IReadOnlyList<int> coreOfSlice, ChipSpec spec, IReadOnlyList<double> ratePerPopulation)
    {
        var mesh = new MeshTopology(spec.Mesh);
        var perPair = new Dictionary<(int From, int To), double>();
        for (int a = 0; a < sliceRoutes.Length; a++)
        {
            double rate = ratePerPopulation[plan.Slices[a].Population];
            foreach (int core in sliceRoutes[a].DestinationCores)
            {
                var key = (coreOfSlice[a], core);
                perPair[key] = perPair.GetValueOrDefault(key) + rate;
            }
        }

        var load = new double[mesh.LinkCount];
        foreach (((int from, int to), double packets) in perPair)
        {
            foreach (int link in mesh.Path(from, to))
            {
                load[link] += packets;
            }
        }

        return load;
    }
}
