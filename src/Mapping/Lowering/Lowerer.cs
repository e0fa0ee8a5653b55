using NeuroChip.EventSim;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Lowering;

/// <summary>
/// Lowers a spiking <see cref="NetworkGraph"/> to populations and explicit projections. Each path
/// from an Input or a neuron node through linear nodes to a neuron node becomes one projection (the
/// composition of the path's linear maps, delays added along it); biases of linear nodes become
/// constant input to the neurons they reach; a neuron node feeding an Output becomes a readout.
/// </summary>
public static class Lowerer
{
    public static LoweredNetwork Lower(NetworkGraph graph)
    {
        GraphShapes shapes = ShapeInference.Infer(graph);
        foreach (GraphNode node in graph.Nodes.Where(n => n.Role == NodeRole.Activation))
        {
            throw new UserInputException(
                $"Node '{node.Name}' ({node.Kind}) is an ANN activation with no spiking form; convert the network to a spiking one (e.g. ReLU → IF with subtract reset) before mapping it.");
        }

        var nodes = graph.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var populationIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var populations = new List<LoweredPopulation>();
        var synapticGains = new List<float[]>();
        var biasGains = new List<float[]>();
        foreach (NeuronNode node in graph.Nodes.OfType<NeuronNode>())
        {
            (LoweredPopulation population, float[] gain, float[] biasGain) = PopulationLowering.Lower(node, shapes.Size(node.Name), graph.TimeStep);
            populationIndex[node.Name] = populations.Count;
            populations.Add(population);
            synapticGains.Add(gain);
            biasGains.Add(biasGain);
        }

        var context = new Context(graph, shapes, nodes, populationIndex, synapticGains);
        var inputs = new List<LoweredInput>();
        foreach (InputNode input in graph.Inputs)
        {
            var source = new ProjectionSource(SourceKind.Input, inputs.Count);
            if (input.Encoding == InputEncoding.Current)
            {
                inputs.Add(CurrentInput(context, input));
            }
            else
            {
                inputs.Add(new LoweredInput { Name = input.Name, Size = shapes.Size(input.Name), Encoding = InputEncoding.Spikes });
                context.Walk(source, input.Name, input.Name, []);
            }
        }

        foreach (NeuronNode node in graph.Nodes.OfType<NeuronNode>())
        {
            context.Walk(new ProjectionSource(SourceKind.Population, populationIndex[node.Name]), node.Name, node.Name, []);
        }

        foreach (GraphNode node in graph.Nodes)
        {
            FloatTensor? bias = node switch
            {
                AffineNode a => a.Bias,
                Conv2dNode c => c.Bias,
                _ => null,
            };
            if (bias is not null)
            {
                context.AddBias(node, bias, populations, biasGains);
            }
        }

        return new LoweredNetwork
        {
            Populations = populations,
            Inputs = inputs,
            Projections = context.Projections,
            Readouts = context.Readouts,
        };
    }

    private static LoweredInput CurrentInput(Context context, InputNode input)
    {
        string at = input.Name;
        var seen = new List<string>();
        while (true)
        {
            List<string> next = context.Graph.Successors(at).ToList();
            if (next.Count != 1)
            {
                throw new UserInputException(
                    $"Input '{input.Name}' uses current encoding, so it must feed exactly one neuron node (one channel per neuron), optionally through Flatten; '{at}' feeds {next.Count} nodes.");
            }

            GraphNode node = context.Nodes[next[0]];
            if (node is NeuronNode)
            {
                return new LoweredInput
                {
                    Name = input.Name,
                    Size = context.Shapes.Size(input.Name),
                    Encoding = InputEncoding.Current,
                    CurrentTarget = context.PopulationIndex[node.Name],
                };
            }

            if (node is not FlattenNode || seen.Contains(node.Name))
            {
                throw new UserInputException(
                    $"Input '{input.Name}' uses current encoding, so it must feed a neuron node directly or through Flatten only; it reaches '{node.Name}' ({node.Kind}). Use spike encoding, or apply that layer on the host.");
            }

            seen.Add(node.Name);
            at = node.Name;
        }
    }

    private sealed class Context(NetworkGraph graph, GraphShapes shapes, Dictionary<string, GraphNode> nodes, Dictionary<string, int> populationIndex, List<float[]> synapticGains)
    {
        public NetworkGraph Graph => graph;

        public GraphShapes Shapes => shapes;

        public Dictionary<string, GraphNode> Nodes => nodes;

        public Dictionary<string, int> PopulationIndex => populationIndex;

        public List<FloatProjection> Projections { get; } = [];

        public List<LoweredReadout> Readouts { get; } = [];

        /// <summary>Follows linear nodes from <paramref name="at"/>; every neuron node reached closes a projection.</summary>
        public void Walk(ProjectionSource source, string sourceName, string at, List<GraphNode> chain)
        {
            foreach (string next in graph.Successors(at))
            {
                GraphNode node = nodes[next];
                switch (node.Role)
                {
                    case NodeRole.Neuron:
                        Projections.Add(ProjectionBuilder.Build(source, sourceName, chain, node, populationIndex[node.Name], shapes, synapticGains[populationIndex[node.Name]], graph.TimeStep));
                        break;
                    case NodeRole.Output:
                        AddReadout(source, sourceName, chain, node);
                        break;
                    case NodeRole.Linear:
                        if (chain.Contains(node))
                        {
                            throw new UserInputException(
                                $"Node '{node.Name}' ({node.Kind}) lies on a cycle of linear nodes ({string.Join(" → ", chain.SkipWhile(c => c != node).Select(c => c.Name))} → {node.Name}) with no neuron to break it; a feedback loop needs a spiking node.");
                        }

                        chain.Add(node);
                        Walk(source, sourceName, next, chain);
                        chain.RemoveAt(chain.Count - 1);
                        break;
                    default:
                        throw new InvalidOperationException($"Unexpected node role {node.Role}.");
                }
            }
        }

        public void AddBias(GraphNode node, FloatTensor bias, List<LoweredPopulation> populations, List<float[]> biasGains)
        {
            int[] shape = shapes[node.Name];
            int size = (int)ShapeMath.Product(shape);
            var vector = new float[size];
            int perChannel = node is Conv2dNode ? size / shape[0] : 1;
            for (int i = 0; i < size; i++)
            {
                vector[i] = bias.At(i / perChannel);
            }

            SpreadBias(node.Name, vector, populations, biasGains, [node.Name]);
        }

        private void SpreadBias(string at, float[] vector, List<LoweredPopulation> populations, List<float[]> biasGains, List<string> path)
        {
            foreach (string next in graph.Successors(at))
            {
                GraphNode node = nodes[next];
                if (node is NeuronNode)
                {
                    int p = populationIndex[next];
                    for (int i = 0; i < vector.Length; i++)
                    {
                        populations[p].Bias[i] += vector[i] * biasGains[p][i];
                    }
                }
                else if (node.Role == NodeRole.Linear && !path.Contains(next))
                {
                    float[] mapped = LinearExpansion.Expand(node, shapes[at], shapes[next], graph.TimeStep).Apply(vector);
                    path.Add(next);
                    SpreadBias(next, mapped, populations, biasGains, path);
                    path.RemoveAt(path.Count - 1);
                }
            }
        }

        private void AddReadout(ProjectionSource source, string sourceName, List<GraphNode> chain, GraphNode output)
        {
            if (source.Kind != SourceKind.Population || chain.Count > 0)
            {
                string through = chain.Count > 0 ? $" through {string.Join(" → ", chain.Select(c => $"'{c.Name}'"))}" : "";
                throw new UserInputException(
                    $"Output '{output.Name}' is reached from '{sourceName}'{through} without a spiking node; a chip reads out neurons, so put a neuron node (IF, LIF, CubaLIF) right before the Output.");
            }

            if (Readouts.Any(r => r.Name == output.Name))
            {
                throw new UserInputException($"Output '{output.Name}' is fed by more than one node; give each population its own Output.");
            }

            Readouts.Add(new LoweredReadout(output.Name, source.Index));
        }
    }
}
