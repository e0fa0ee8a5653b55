using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Lowering;
using NeuroChip.Mapping.Partitioning;
using NeuroChip.Mapping.Quantization;

namespace NeuroChip.Mapping.Routing;

/// <summary>The outcome of <see cref="RouteChecker.Check"/>.</summary>
public sealed record RouteCheckReport(long SourcesChecked, long SynapsesDelivered, long PaddingEntries, long PathsChecked, IReadOnlyList<string> Errors)
{
    public bool Passed => Errors.Count == 0;
}

/// <summary>
/// Proves, from the emitted image alone, that every spike reaches exactly its targets: for every source
/// neuron and input channel it follows the image's route entries to the destination cores' synapse rows,
/// maps the reached neurons back to populations through the placement, and compares the delivered
/// (population, neuron, weight, delay) multiset with the quantised network's synapses from that source.
/// Entries of weight 0 that no synapse accounts for are the padding of dense rows and are counted apart.
/// It also walks each used dimension-order path link by link and checks that it ends at the destination tile.
/// </summary>
public static class RouteChecker
{
    private const int MaxErrors = 20;

    public static RouteCheckReport Check(ChipImage image, QuantizedNetwork network, PartitionPlan plan, IReadOnlyList<int> coreOfSlice)
    {
        var errors = new List<string>();
        var coreById = image.Cores.ToDictionary(c => c.CoreId);
        var sliceOfCore = new Dictionary<int, CoreSlice>();
        foreach (CoreSlice slice in plan.Slices)
        {
            sliceOfCore[coreOfSlice[slice.Index]] = slice;
        }

        var bySource = network.Projections.GroupBy(p => p.Source).ToDictionary(g => g.Key, g => g.ToList());
        long sources = 0;
        long delivered = 0;
        long padding = 0;
        var pairs = new HashSet<(int, int)>();

        void CheckEndpoint(string what, ProjectionSource source, int row, RouteTable routes, int routeIndex)
        {
            var expected = new List<(int Population, int Neuron, int Delay, int Weight)>();
            foreach (QuantizedProjection projection in bySource.GetValueOrDefault(source, []))
            {
                SynapseLayout layout = projection.Layout;
                for (int k = layout.RowStart(row); k < layout.RowEnd(row); k++)
                {
                    expected.Add((projection.TargetPopulation, layout.TargetAt(row, k), layout.DelayAt(k), projection.EffectiveWeight(row, k)));
                }
            }

            var got = new List<(int Population, int Neuron, int Delay, int Weight)>();
            for (int e = routes.Offsets[routeIndex]; e < routes.Offsets[routeIndex + 1]; e++)
            {
                int core = routes.DestinationCores[e];
                int axon = routes.DestinationAxons[e];
                if (!coreById.TryGetValue(core, out CoreConfig? config) || !sliceOfCore.TryGetValue(core, out CoreSlice? slice) || axon < 0 || axon >= config.Axons.Count)
                {
                    errors.Add($"{what}: route entry to core {core} axon {axon} reaches no configured row.");
                    continue;
                }

                SynapseRow synapses = config.Axons[axon];
                for (int k = 0; k < synapses.Count; k++)
                {
                    (int target, int delay) = synapses switch
                    {
                        SparseRow s => (s.Targets[k], s.DelayAt(k)),
                        DenseRow d => (d.FirstTarget + k, d.Delay),
                        _ => throw new InvalidOperationException("Unknown row type."),
                    };
                    got.Add((slice.Population, slice.FirstNeuron + target, delay, (int)FixedMath.ShiftByExponent(synapses.Weights[k], synapses.WeightExponent)));
                }
            }

            expected.Sort();
            got.Sort();
            int i = 0;
            foreach (var entry in got)
            {
                while (i < expected.Count && expected[i].CompareTo(entry) < 0)
                {
                    errors.Add($"{what}: synapse to population {expected[i].Population} neuron {expected[i].Neuron} (weight {expected[i].Weight}, delay {expected[i].Delay}) is not delivered.");
                    i++;
                }

                if (i < expected.Count && expected[i] == entry)
                {
                    i++;
                    delivered++;
                }
                else if (entry.Weight == 0)
                {
                    padding++;
                }
                else
                {
                    errors.Add($"{what}: delivers weight {entry.Weight} to population {entry.Population} neuron {entry.Neuron} (delay {entry.Delay}), which the network does not have.");
                }
            }

            for (; i < expected.Count; i++)
            {
                errors.Add($"{what}: synapse to population {expected[i].Population} neuron {expected[i].Neuron} (weight {expected[i].Weight}, delay {expected[i].Delay}) is not delivered.");
            }

            sources++;
        }

        foreach (CoreSlice slice in plan.Slices)
        {
            int core = coreOfSlice[slice.Index];
            RouteTable routes = coreById[core].Routes;
            for (int n = 0; n < slice.NeuronCount && errors.Count < MaxErrors; n++)
            {
                CheckEndpoint($"population '{network.Populations[slice.Population].Name}' neuron {slice.FirstNeuron + n}", new ProjectionSource(SourceKind.Population, slice.Population), slice.FirstNeuron + n, routes, n);
                for (int e = routes.Offsets[n]; e < routes.Offsets[n + 1]; e++)
                {
                    pairs.Add((core, routes.DestinationCores[e]));
                }
            }
        }

        for (int i = 0; i < network.Inputs.Count && errors.Count < MaxErrors; i++)
        {
            SpikePort? port = image.SpikeInputs.FirstOrDefault(p => p.Name == network.Inputs[i].Name);
            if (port is null)
            {
                if (bySource.ContainsKey(new ProjectionSource(SourceKind.Input, i)))
                {
                    errors.Add($"input '{network.Inputs[i].Name}': the image has no spike port for it.");
                }

                continue;
            }

            for (int c = 0; c < network.Inputs[i].Size && errors.Count < MaxErrors; c++)
            {
                CheckEndpoint($"input '{port.Name}' channel {c}", new ProjectionSource(SourceKind.Input, i), c, port.Channels, c);
            }
        }

        var mesh = new MeshTopology(image.Chip.Mesh);
        foreach ((int from, int to) in pairs)
        {
            int tile = mesh.TileOf(from);
            foreach (int link in mesh.Path(from, to))
            {
                (int linkTile, LinkDirection direction) = MeshTopology.DescribeLink(link);
                (int x, int y) = mesh.TilePosition(tile);
                if (linkTile != tile)
                {
                    errors.Add($"path core {from} → core {to}: link {link} leaves tile {linkTile}, but the packet is at tile {tile}.");
                    break;
                }

                (x, y) = direction switch
                {
                    LinkDirection.East => (x + 1, y),
                    LinkDirection.West => (x - 1, y),
                    LinkDirection.North => (x, y + 1),
                    _ => (x, y - 1),
                };
                tile = (y * image.Chip.Mesh.TilesX) + x;
            }

            if (tile != mesh.TileOf(to))
            {
                errors.Add($"path core {from} → core {to} ends at tile {tile}, not the destination tile {mesh.TileOf(to)}.");
            }
        }

        return new RouteCheckReport(sources, delivered, padding, pairs.Count, errors.Take(MaxErrors).ToList());
    }
}
