using NeuroChip.EventSim;

namespace NeuroChip.Mapping.Graph;

/// <summary>
/// Checks a graph's structure and infers every node's shape, NIR's <c>infer_types</c> and
/// <c>check_types</c> in one pass. Every error names the node (and edge) and the mismatch.
/// </summary>
public static class ShapeInference
{
    public static GraphShapes Infer(NetworkGraph graph)
    {
        Dictionary<string, GraphNode> nodes = CheckStructure(graph);
        var shapes = new Dictionary<string, int[]>();

        // Nodes with a declared shape seed the propagation; it reaches cycles through them.
        foreach (GraphNode node in graph.Nodes)
        {
            if (node.Role == NodeRole.Input)
            {
                RequirePositive(node, node.DeclaredShape!);
                shapes[node.Name] = node.DeclaredShape!;
            }
        }

        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (GraphNode node in graph.Nodes)
            {
                if (shapes.ContainsKey(node.Name))
                {
                    continue;
                }

                string? known = graph.Predecessors(node.Name).FirstOrDefault(shapes.ContainsKey);
                int[]? shape = known is not null ? node.OutputShape(shapes[known]) : node.Role == NodeRole.Neuron ? node.DeclaredShape : null;
                if (shape is not null)
                {
                    shapes[node.Name] = shape;
                    changed = true;
                }
            }
        }

        foreach (GraphNode node in graph.Nodes)
        {
            if (!shapes.ContainsKey(node.Name))
            {
                throw new UserInputException($"Node '{node.Name}' ({node.Kind}): its shape cannot be inferred: it sits on a cycle that no Input reaches and its parameters do not fix a shape. Give it per-neuron parameters or connect it to an Input.");
            }
        }

        foreach (GraphEdge edge in graph.Edges)
        {
            GraphNode target = nodes[edge.Target];
            int[] produced = target.OutputShape(shapes[edge.Source]);
            if (!ShapeMath.Same(produced, shapes[target.Name]))
            {
                throw new UserInputException(
                    $"Node '{target.Name}' ({target.Kind}): the edge from '{edge.Source}' brings shape {ShapeMath.Format(shapes[edge.Source])}, giving {ShapeMath.Format(produced)}, but the node's shape is {ShapeMath.Format(shapes[target.Name])} (from its other inputs or parameters). Make the shapes agree.");
            }
        }

        foreach (GraphNode node in graph.Nodes)
        {
            int[]? declared = node.DeclaredShape;
            if (declared is not null && node.Role != NodeRole.Input && ShapeMath.Product(declared) != ShapeMath.Product(shapes[node.Name]))
            {
                throw new UserInputException(
                    $"Node '{node.Name}' ({node.Kind}): declares shape {ShapeMath.Format(declared)} but its input gives {ShapeMath.Format(shapes[node.Name])}.");
            }
        }

        return new GraphShapes(shapes);
    }

    private static Dictionary<string, GraphNode> CheckStructure(NetworkGraph graph)
    {
        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (GraphNode node in graph.Nodes)
        {
            if (string.IsNullOrWhiteSpace(node.Name))
            {
                throw new UserInputException($"A {node.Kind} node has no name; every node needs a unique name.");
            }

            if (!nodes.TryAdd(node.Name, node))
            {
                throw new UserInputException($"Node '{node.Name}': the name is used by more than one node; names must be unique.");
            }
        }

        if (!(graph.TimeStep > 0) || double.IsInfinity(graph.TimeStep))
        {
            throw new UserInputException($"The graph's timeStep = {graph.TimeStep} must be a positive number.");
        }

        foreach (GraphEdge edge in graph.Edges)
        {
            foreach (string end in new[] { edge.Source, edge.Target })
            {
                if (!nodes.ContainsKey(end))
                {
                    throw new UserInputException($"Edge '{edge.Source}' → '{edge.Target}': there is no node called '{end}'.");
                }
            }

            if (nodes[edge.Target].Role == NodeRole.Input)
            {
                throw new UserInputException($"Edge '{edge.Source}' → '{edge.Target}': '{edge.Target}' is an Input and cannot receive edges.");
            }

            if (nodes[edge.Source].Role == NodeRole.Output)
            {
                throw new UserInputException($"Edge '{edge.Source}' → '{edge.Target}': '{edge.Source}' is an Output and cannot feed other nodes.");
            }
        }

        if (graph.Edges.Select(e => (e.Source, e.Target)).Distinct().Count() != graph.Edges.Count)
        {
            var duplicate = graph.Edges.GroupBy(e => (e.Source, e.Target)).First(g => g.Count() > 1).Key;
            throw new UserInputException($"Edge '{duplicate.Source}' → '{duplicate.Target}' appears more than once.");
        }

        foreach (GraphNode node in graph.Nodes)
        {
            if (node.Role != NodeRole.Input && !graph.Edges.Any(e => e.Target == node.Name))
            {
                throw new UserInputException($"Node '{node.Name}' ({node.Kind}) has no incoming edge; connect it or remove it.");
            }
        }

        if (!graph.Inputs.Any())
        {
            throw new UserInputException("The graph has no Input node.");
        }

        return nodes;
    }

    private static void RequirePositive(GraphNode node, int[] shape)
    {
        if (shape.Length == 0 || shape.Any(d => d < 1))
        {
            throw new UserInputException($"Node '{node.Name}' ({node.Kind}): shape {ShapeMath.Format(shape)} must have at least one dimension and only positive sizes.");
        }
    }
}
