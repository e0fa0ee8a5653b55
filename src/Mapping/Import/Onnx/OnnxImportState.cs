using NeuroChip.EventSim;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>
/// The work of one ONNX import: value names mapped to graph nodes, the nodes built so far, and the dispatch of each ONNX
/// node to the layer it becomes (<c>OnnxImportState.Layers.cs</c>).
/// </summary>
internal sealed partial class OnnxImportState(OnnxGraph onnx, string source)
{
    private readonly Dictionary<string, OnnxTensor> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _uses = new(StringComparer.Ordinal);
    private readonly HashSet<string> _graphOutputs = new(onnx.Outputs.Select(o => o.Name), StringComparer.Ordinal);
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);

    /// <summary>ONNX value name → (index into _nodes of the node that produces it, its shape without batch).</summary>
    private readonly Dictionary<string, (int Node, int[] Shape)> _values = new(StringComparer.Ordinal);
    private readonly List<GraphNode> _nodes = [];
    private readonly List<GraphEdge> _edges = [];

    public NetworkGraph Run()
    {
        foreach (OnnxTensor t in onnx.Initializers)
        {
            _constants[t.Name] = t;
        }

        foreach (OnnxNode node in onnx.Nodes)
        {
            foreach (string input in node.Inputs)
            {
                _uses[input] = _uses.GetValueOrDefault(input) + 1;
            }
        }

        AddInput();
        for (int i = 0; i < onnx.Nodes.Count; i++)
        {
            ImportNode(onnx.Nodes[i], i);
        }

        if (onnx.Outputs.Count == 0)
        {
            throw new UserInputException($"{source}: the graph declares no output.");
        }

        foreach (OnnxValueInfo output in onnx.Outputs)
        {
            (int producer, int[] shape) = Value(output.Name, $"graph output '{output.Name}'");
            string name = UniqueName(output.Name, "output");
            _nodes.Add(new OutputNode { Name = name, Shape = shape });
            _edges.Add(GraphEdge.Of(_nodes[producer].Name, name));
        }

        var graph = new NetworkGraph { Nodes = [.. _nodes], Edges = [.. _edges] };
        ShapeInference.Infer(graph);
        return graph;
    }

    private void AddInput()
    {
        var inputs = onnx.Inputs.Where(i => !_constants.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1)
        {
            throw new UserInputException(
                $"{source}: the graph has {inputs.Count} non-constant inputs ({string.Join(", ", inputs.Select(i => i.Name))}); NeuroChip imports networks with exactly one input.");
        }

        OnnxValueInfo input = inputs[0];
        if (input.Shape is null || input.Shape.Count < 2)
        {
            throw new UserInputException(
                $"{source}: input '{input.Name}' needs a declared shape [batch, features] or [batch, C, H, W]; export it with a fixed shape apart from the batch axis.");
        }

        var shape = new int[input.Shape.Count - 1];
        for (int d = 1; d < input.Shape.Count; d++)
        {
            if (input.Shape[d].Value is not long v || v < 1 || v > int.MaxValue)
            {
                throw new UserInputException(
                    $"{source}: input '{input.Name}' has dimension {d} = {input.Shape[d]}; every dimension except the batch axis must be a fixed positive size.");
            }

            shape[d - 1] = (int)v;
        }

        string name = UniqueName(input.Name, "input");
        _nodes.Add(new InputNode { Name = name, Shape = shape });
        _values[input.Name] = (_nodes.Count - 1, shape);
    }

    private void ImportNode(OnnxNode node, int index)
    {
        string where = $"{source}: {node.Describe(index)}";
        if (node.Domain.Length > 0 && node.Domain != "ai.onnx")
        {
            throw new UserInputException($"{where} is from operator domain '{node.Domain}'; NeuroChip imports only standard ONNX operators. {Capitalise(OnnxImportRules.SuggestionFor(node.OpType))}.");
        }

        switch (node.OpType)
        {
            case "Constant":
                ImportConstant(node, where);
                break;
            case "Gemm":
                ImportGemm(node, index, where);
                break;
            case "MatMul":
                ImportMatMul(node, index, where);
                break;
            case "Add":
                ImportAdd(node, where);
                break;
            case "Conv":
                ImportConv(node, index, where);
                break;
            case "Relu":
                AddNode(node, index, where, (name, _) => new ReluNode { Name = name });
                break;
            case "AveragePool":
                ImportAveragePool(node, index, where);
                break;
            case "GlobalAveragePool":
                AddNode(node, index, where, (name, shape) => shape.Length == 3
                    ? new AvgPool2dNode { Name = name, KernelSize = [shape[1], shape[2]], Stride = [shape[1], shape[2]] }
                    : throw new UserInputException($"{where}: expects a [batch, C, H, W] input, receives [batch, {string.Join(", ", shape)}]."));
                break;
            case "Flatten":
                ImportFlatten(node, index, where);
                break;
            case "Reshape":
                ImportReshape(node, index, where);
                break;
            case "BatchNormalization":
                FoldBatchNormalization(node, where);
                break;
            case "Dropout":
            case "Identity":
                PassThrough(node, where);
                break;
            case "Softmax":
                if (!node.Outputs.All(_graphOutputs.Contains) || node.Outputs.Any(o => _uses.ContainsKey(o)))
                {
                    throw new UserInputException($"{where}: Softmax is only accepted as the last node (it is dropped for the argmax readout). Remove the inner Softmax.");
                }

                PassThrough(node, where);
                break;
            default:
                throw new UserInputException($"{where} is not supported: {OnnxImportRules.SuggestionFor(node.OpType)}.");
        }
    }

    private void ImportConstant(OnnxNode node, string where)
    {
        OnnxTensor value = node.FindAttribute("value")?.Tensor
            ?? throw new UserInputException($"{where}: only Constant nodes with a 'value' tensor are supported.");
        _constants[Single(node.Outputs, where, "output")] = value;
    }

    private void PassThrough(OnnxNode node, string where)
    {
        string input = DynamicInput(node, where);
        _values[Single(node.Outputs, where, "output")] = Value(input, where);
        if (node.Outputs.Skip(1).Any(o => o.Length > 0 && _uses.ContainsKey(o)))
        {
            throw new UserInputException($"{where}: its second output (the dropout mask) is used by another node; export the model in eval mode.");
        }
    }

    private void AddNode(OnnxNode node, int index, string where, Func<string, int[], GraphNode> create)
    {
        string input = DynamicInput(node, where);
        (int producer, int[] shape) = Value(input, where);
        string name = UniqueName(node.Name.Length > 0 ? node.Name : $"{node.OpType}_{index}", node.OpType);
        GraphNode created = create(name, shape);
        int[] outputShape = created.OutputShape(shape);
        _nodes.Add(created);
        _edges.Add(GraphEdge.Of(_nodes[producer].Name, name));
        _values[Single(node.Outputs, where, "output")] = (_nodes.Count - 1, outputShape);
    }

    private string DynamicInput(OnnxNode node, string where)
    {
        if (node.Inputs.Count == 0 || node.Inputs[0].Length == 0)
        {
            throw new UserInputException($"{where}: has no data input.");
        }

        string input = node.Inputs[0];
        if (_constants.ContainsKey(input))
        {
            throw new UserInputException($"{where}: its data input '{input}' is a constant; NeuroChip imports layers applied to the network input only.");
        }

        return input;
    }

    private (int Node, int[] Shape) Value(string name, string where) =>
        _values.TryGetValue(name, out var value)
            ? value
            : throw new UserInputException($"{where}: input '{name}' is not produced by any earlier node (nodes must be in topological order).");

    private (float[] Values, long[] Dims) Constant(OnnxNode node, int input, string where, string what)
    {
        if (node.Inputs.Count <= input || !_constants.TryGetValue(node.Inputs[input], out OnnxTensor? tensor))
        {
            throw new UserInputException(
                $"{where}: {what} (input {input}) must be a constant initializer; NeuroChip imports trained weights, not weights computed at run time.");
        }

        return (tensor.ToFloatArray(where), [.. tensor.Dims]);
    }

    private void RequireSingleUse(string value, string where, string op)
    {
        if (_uses.GetValueOrDefault(value) > 1 || _graphOutputs.Contains(value))
        {
            throw new UserInputException($"{where}: the value '{value}' it folds into is also used elsewhere, so {op} cannot be folded. Fold it before export.");
        }
    }

    private string UniqueName(string wanted, string fallback)
    {
        string name = wanted.Length > 0 ? wanted : fallback;
        string candidate = name;
        for (int k = 2; !_usedNames.Add(candidate); k++)
        {
            candidate = $"{name}_{k}";
        }

        return candidate;
    }

    private static string Single(List<string> outputs, string where, string what) =>
        outputs.Count >= 1 && outputs[0].Length > 0 ? outputs[0] : throw new UserInputException($"{where}: has no {what}.");

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
