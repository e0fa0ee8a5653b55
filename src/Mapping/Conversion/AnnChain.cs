using NeuroChip.EventSim;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Conversion;

/// <summary>
/// A feed-forward ANN read as a chain: Input, then segments of linear nodes each closed by a ReLU, and a last segment
/// closed by the Output. Each segment becomes one IF population of the SNN.
/// </summary>
internal sealed record AnnChain(InputNode Input, OutputNode Output, IReadOnlyList<AnnSegment> Segments)
{
    public static AnnChain Parse(NetworkGraph ann)
    {
        ArgumentNullException.ThrowIfNull(ann);
        GraphShapes shapes = ShapeInference.Infer(ann);
        List<InputNode> inputs = [.. ann.Inputs];
        if (inputs.Count != 1)
        {
            throw new UserInputException($"Conversion needs an ANN with exactly one Input; this graph has {inputs.Count}.");
        }

        var segments = new List<AnnSegment>();
        var current = new List<GraphNode>();
        string at = inputs[0].Name;
        string segmentInput = at;
        while (true)
        {
            List<string> next = [.. ann.Successors(at)];
            if (next.Count != 1)
            {
                throw new UserInputException(
                    $"Conversion needs a chain of layers, but node '{at}' feeds {next.Count} nodes ({string.Join(", ", next)}); branching networks are not supported.");
            }

            GraphNode node = ann.Find(next[0])!;
            if (ann.Predecessors(node.Name).Count() != 1)
            {
                throw new UserInputException($"Conversion needs a chain of layers, but node '{node.Name}' has several inputs.");
            }

            switch (node)
            {
                case ReluNode relu:
                    segments.Add(Close(current, relu.Name, shapes[segmentInput], shapes[at], at, false));
                    current = [];
                    segmentInput = relu.Name;
                    break;
                case OutputNode output:
                    segments.Add(Close(current, output.Name, shapes[segmentInput], shapes[at], at, true));
                    return new AnnChain(inputs[0], output, segments);
                case Pool2dNode pool when current.Count == 0 && segments.Count > 0 && !IsLast(ann, pool):
                    // Pooling right after a ReLU becomes its own spiking layer: folded into the next layer it would
                    // multiply that layer's fan-in by the window size (a Fashion-MNIST CNN's classifier would need
                    // 6,272 axons per core; nc-ref has 4,096).
                    segments.Add(new AnnSegment(pool.Name, [pool], shapes[segmentInput], shapes[pool.Name], pool.Name, false, IsPooling: true));
                    segmentInput = pool.Name;
                    break;
                case AffineNode or LinearNode or Conv2dNode or Pool2dNode or FlattenNode or ScaleNode:
                    current.Add(node);
                    break;
                default:
                    throw new UserInputException(
                        $"Node '{node.Name}' ({node.Kind}) cannot be converted: an ANN for conversion has Affine, Linear, Conv2d, pooling, Flatten, Scale and ReLU nodes.");
            }

            at = node.Name;
        }
    }

    private static bool IsLast(NetworkGraph ann, GraphNode node) => ann.Successors(node.Name).All(n => ann.Find(n) is OutputNode);

    private static AnnSegment Close(List<GraphNode> nodes, string closer, int[] inputShape, int[] outputShape, string last, bool readout)
    {
        if (!nodes.Any(n => n is AffineNode or LinearNode or Conv2dNode or ScaleNode))
        {
            throw new UserInputException(
                $"The layer closed by '{closer}' has no weights (nodes: {string.Join(", ", nodes.Select(n => n.Name))}); put a ReLU only after an Affine, Linear, Conv2d or Scale node.");
        }

        return new AnnSegment(closer, [.. nodes], inputShape, outputShape, last, readout);
    }
}

/// <summary>The linear nodes of one ANN layer, the shapes around them and the node whose ANN output is the layer's pre-activation.</summary>
internal sealed record AnnSegment(string Name, IReadOnlyList<GraphNode> Nodes, int[] InputShape, int[] OutputShape, string PreActivation, bool IsReadout, bool IsPooling = false);
