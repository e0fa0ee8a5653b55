using NeuroChip.EventSim;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Ann;

/// <summary>
/// The float reference forward pass of an ANN <see cref="NetworkGraph"/> (Input, Affine, Linear, Conv2d, AvgPool2d,
/// SumPool2d, Flatten, Scale, ReLU, Output; a node with several inputs sums them). It gives the baseline accuracy
/// and the activation statistics that conversion needs. Spiking or recurrent graphs are refused.
/// </summary>
public sealed class AnnForwardPass
{
    private readonly GraphNode[] _order;
    private readonly int[][] _inputsOf;
    private readonly int[][] _shapes;
    private readonly Dictionary<string, int> _index;
    private readonly int _input;
    private readonly int _output;

    private AnnForwardPass(GraphNode[] order, int[][] inputsOf, int[][] shapes, Dictionary<string, int> index, int input, int output)
    {
        _order = order;
        _inputsOf = inputsOf;
        _shapes = shapes;
        _index = index;
        _input = input;
        _output = output;
        InputSize = (int)ShapeMath.Product(shapes[input]);
        OutputSize = (int)ShapeMath.Product(shapes[output]);
    }

    /// <summary>Node names in evaluation order.</summary>
    public IReadOnlyList<string> Order => [.. _order.Select(n => n.Name)];

    public int InputSize { get; }

    public int OutputSize { get; }

    /// <summary>The inferred shape of node <paramref name="node"/>'s output (no batch axis).</summary>
    public int[] Shape(string node) => _shapes[_index[node]];

    /// <summary>
    /// Orders the nodes topologically and checks that every one has a float ANN meaning. The graph needs exactly
    /// one Input; <paramref name="outputNode"/> picks the Output node when there are several.
    /// </summary>
    public static AnnForwardPass Create(NetworkGraph graph, string? outputNode = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        GraphShapes shapes = ShapeInference.Infer(graph);
        foreach (GraphNode node in graph.Nodes)
        {
            if (node is not (InputNode or OutputNode or AffineNode or LinearNode or Conv2dNode or Pool2dNode or FlattenNode or ScaleNode or ReluNode))
            {
                throw new UserInputException(
                    $"Node '{node.Name}' ({node.Kind}) has no float ANN meaning; the ANN forward pass evaluates graphs of Affine, Linear, Conv2d, pooling, Flatten, Scale and ReLU nodes. Use the spiking simulator for spiking graphs.");
            }
        }

        foreach (GraphNode node in graph.Nodes)
        {
            if (graph.Predecessors(node.Name).Count() > 1 && node is not (ReluNode or ScaleNode or OutputNode or FlattenNode))
            {
                throw new UserInputException(
                    $"Node '{node.Name}' ({node.Kind}) has several inputs; the ANN forward pass sums inputs only into elementwise nodes (ReLU, Scale, Flatten, Output). Insert one of those before it.");
            }
        }

        var inputs = graph.Inputs.ToList();
        if (inputs.Count != 1)
        {
            throw new UserInputException($"The ANN forward pass needs exactly one Input node; the graph has {inputs.Count}.");
        }

        var outputs = graph.Outputs.Where(o => outputNode is null || o.Name == outputNode).ToList();
        if (outputs.Count != 1)
        {
            throw new UserInputException(outputNode is null
                ? $"The graph has {outputs.Count} Output nodes; name the one to evaluate."
                : $"The graph has no Output node called '{outputNode}'.");
        }

        GraphNode[] order = TopologicalOrder(graph);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < order.Length; i++)
        {
            index[order[i].Name] = i;
        }

        int[][] inputsOf = [.. order.Select(n => graph.Predecessors(n.Name).Select(p => index[p]).ToArray())];
        int[][] nodeShapes = [.. order.Select(n => shapes[n.Name])];
        return new AnnForwardPass(order, inputsOf, nodeShapes, index, index[inputs[0].Name], index[outputs[0].Name]);
    }

    public AnnState CreateState()
    {
        var values = new float[_order.Length][];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = new float[ShapeMath.Product(_shapes[i])];
        }

        return new AnnState(values, _index, _output);
    }

    /// <summary>Evaluates every node for one sample; the results stay in <paramref name="state"/>. Allocates nothing.</summary>
    public void Run(ReadOnlySpan<float> input, AnnState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (input.Length != InputSize)
        {
            throw new UserInputException($"The sample has {input.Length} values; input '{_order[_input].Name}' of shape {ShapeMath.Format(_shapes[_input])} needs {InputSize}.");
        }

        for (int i = 0; i < _order.Length; i++)
        {
            Span<float> y = state[i];
            if (i == _input)
            {
                input.CopyTo(y);
                continue;
            }

            int[] sources = _inputsOf[i];
            ReadOnlySpan<float> x = state[sources[0]];
            int[] xShape = _shapes[sources[0]];
            if (sources.Length > 1)
            {
                // Several inputs are summed (NIR semantics) in the node's own buffer; Create allows this only for
                // elementwise nodes, which may then work in place.
                x.CopyTo(y);
                for (int s = 1; s < sources.Length; s++)
                {
                    SpanMath.Add(state[sources[s]], y);
                }

                x = y;
            }

            Evaluate(_order[i], xShape, _shapes[i], x, y);
        }
    }

    /// <summary>The output values for one sample (allocates; use <see cref="Run"/> with a state for many samples).</summary>
    public float[] Predict(ReadOnlySpan<float> input)
    {
        AnnState state = CreateState();
        Run(input, state);
        return state.Output.ToArray();
    }

    /// <summary>
    /// Fraction of samples whose largest output (first on ties) equals the label. <paramref name="features"/> holds
    /// the samples back to back.
    /// </summary>
    public double Accuracy(float[] features, int[] labels, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length == 0 || (long)labels.Length * InputSize != features.Length)
        {
            throw new UserInputException($"{features.Length} feature values do not hold {labels.Length} samples of {InputSize} values.");
        }

        const int chunks = 8;
        var correct = new int[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, c =>
        {
            AnnState state = CreateState();
            int start = (int)((long)c * labels.Length / chunks), end = (int)((long)(c + 1) * labels.Length / chunks);
            for (int n = start; n < end; n++)
            {
                Run(features.AsSpan(n * InputSize, InputSize), state);
                if (ArgMax(state.Output) == labels[n])
                {
                    correct[c]++;
                }
            }
        });
        return correct.Sum() / (double)labels.Length;
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static void Evaluate(GraphNode node, int[] inputShape, int[] outputShape, ReadOnlySpan<float> x, Span<float> y)
    {
        switch (node)
        {
            case AffineNode a:
                AnnKernels.Affine(a.Weight, a.Bias, x, y);
                break;
            case LinearNode l:
                AnnKernels.Affine(l.Weight, null, x, y);
                break;
            case Conv2dNode c:
                AnnKernels.Conv2d(c, inputShape, outputShape, x, y);
                break;
            case Pool2dNode p:
                AnnKernels.Pool2d(p, inputShape, outputShape, x, y);
                break;
            case ReluNode:
                SpanMath.Relu(x, y);
                break;
            case ScaleNode s:
                SpanMath.Multiply(x, s.Scale.Data, y);
                break;
            default:
                // Flatten and Output keep the flat data unchanged.
                if (!x.Overlaps(y))
                {
                    x.CopyTo(y);
                }

                break;
        }
    }

    private static GraphNode[] TopologicalOrder(NetworkGraph graph)
    {
        var pending = graph.Nodes.ToDictionary(n => n.Name, n => graph.Predecessors(n.Name).Count(), StringComparer.Ordinal);
        var ready = new Queue<GraphNode>(graph.Nodes.Where(n => pending[n.Name] == 0));
        var order = new List<GraphNode>(graph.Nodes.Count);
        while (ready.Count > 0)
        {
            GraphNode node = ready.Dequeue();
            order.Add(node);
            foreach (string next in graph.Successors(node.Name))
            {
                if (--pending[next] == 0)
                {
                    ready.Enqueue(graph.Find(next)!);
                }
            }
        }

        if (order.Count != graph.Nodes.Count)
        {
            string stuck = graph.Nodes.First(n => pending[n.Name] > 0).Name;
            throw new UserInputException($"The graph has a cycle through node '{stuck}'; the ANN forward pass evaluates feed-forward graphs only.");
        }

        return [.. order];
    }
}
