using NeuroChip.EventSim;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>
/// ONNX → <see cref="NetworkGraph"/> for feed-forward ANNs (opsets 11–17): Gemm, MatMul (+ Add of a constant),
/// Conv, Relu, AveragePool, GlobalAveragePool, Flatten, Reshape (to [batch, features]) become graph nodes;
/// BatchNormalization is folded into the Conv or Gemm before it; Dropout, Identity and a final Softmax are dropped.
/// Anything else is refused with the node's name, its op type and what to use instead. Shapes drop the batch axis.
/// </summary>
public static class OnnxImporter
{
    public static NetworkGraph ImportFile(string path) => Import(OnnxModelFile.Read(path), path);

    public static NetworkGraph Import(OnnxModel model, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        long opset = model.DefaultOpsetVersion(source);
        if (opset is < OnnxImportRules.MinOpset or > OnnxImportRules.MaxOpset)
        {
            throw new UserInputException(
                $"{source}: the model uses ONNX opset {opset}; NeuroChip imports opsets {OnnxImportRules.MinOpset} to {OnnxImportRules.MaxOpset}. Re-export it with opset_version=13 (or convert it with onnx.version_converter).");
        }

        return new ImportState(model.Graph, source).Run();
    }

    /// <summary>The work of one import: value names mapped to graph nodes, and the nodes built so far.</summary>
    private sealed class ImportState(OnnxGraph onnx, string source)
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

        private void ImportGemm(OnnxNode node, int index, string where)
        {
            if (node.GetInt("transA", 0) != 0)
            {
                throw new UserInputException($"{where}: transA = 1 is not supported; export the layer as x·Wᵀ (transA = 0).");
            }

            float alpha = node.GetFloat("alpha", 1f), beta = node.GetFloat("beta", 1f);
            (float[] b, long[] bDims) = Constant(node, 1, where, "B");
            if (bDims.Length != 2)
            {
                throw new UserInputException($"{where}: weight B must be 2-D, has shape [{string.Join(", ", bDims)}].");
            }

            bool transB = node.GetInt("transB", 0) != 0;
            int outputs = (int)(transB ? bDims[0] : bDims[1]), inputs = (int)(transB ? bDims[1] : bDims[0]);
            var weight = new float[outputs * inputs];
            for (int o = 0; o < outputs; o++)
            {
                for (int i = 0; i < inputs; i++)
                {
                    weight[(o * inputs) + i] = alpha * (transB ? b[(o * inputs) + i] : b[(i * outputs) + o]);
                }
            }

            float[]? bias = null;
            if (node.Inputs.Count > 2 && node.Inputs[2].Length > 0)
            {
                (float[] c, _) = Constant(node, 2, where, "C");
                bias = Broadcast(c, outputs, where, "C");
                for (int o = 0; o < outputs; o++)
                {
                    bias[o] *= beta;
                }
            }

            AddNode(node, index, where, (name, _) => bias is null
                ? new LinearNode { Name = name, Weight = FloatTensor.Of(weight, outputs, inputs) }
                : new AffineNode { Name = name, Weight = FloatTensor.Of(weight, outputs, inputs), Bias = FloatTensor.Of(bias, outputs) });
        }

        private void ImportMatMul(OnnxNode node, int index, string where)
        {
            (float[] b, long[] dims) = Constant(node, 1, where, "B");
            if (dims.Length != 2)
            {
                throw new UserInputException($"{where}: the constant operand must be a 2-D matrix [in, out], has shape [{string.Join(", ", dims)}].");
            }

            int inputs = (int)dims[0], outputs = (int)dims[1];
            var weight = new float[outputs * inputs];
            for (int o = 0; o < outputs; o++)
            {
                for (int i = 0; i < inputs; i++)
                {
                    weight[(o * inputs) + i] = b[(i * outputs) + o];
                }
            }

            AddNode(node, index, where, (name, _) => new LinearNode { Name = name, Weight = FloatTensor.Of(weight, outputs, inputs) });
        }

        /// <summary>Add of a constant to the output of a Gemm, MatMul or Conv becomes (or adds to) that node's bias.</summary>
        private void ImportAdd(OnnxNode node, string where)
        {
            if (node.Inputs.Count != 2)
            {
                throw new UserInputException($"{where}: Add needs two inputs.");
            }

            int constantSide = _constants.ContainsKey(node.Inputs[1]) ? 1 : _constants.ContainsKey(node.Inputs[0]) ? 0 : -1;
            if (constantSide < 0)
            {
                throw new UserInputException($"{where}: Add of two computed values (a residual connection) is not supported: {OnnxImportRules.SuggestionFor("Concat")}.");
            }

            string dynamicInput = node.Inputs[1 - constantSide];
            (int producer, int[] shape) = Value(dynamicInput, where);
            RequireSingleUse(dynamicInput, where, "Add");
            (float[] constant, _) = Constant(node, constantSide, where, "the added constant");
            GraphNode target = _nodes[producer];
            GraphNode merged = target switch
            {
                LinearNode l => new AffineNode { Name = l.Name, Weight = l.Weight, Bias = FloatTensor.Of(Broadcast(constant, shape[0], where, "the added constant"), shape[0]) },
                AffineNode a => a with { Bias = FloatTensor.Of(Sum(a.Bias.Data, Broadcast(constant, shape[0], where, "the added constant")), shape[0]) },
                Conv2dNode c => c with { Bias = FloatTensor.Of(Sum(c.Bias?.Data ?? new float[c.OutChannels], ChannelConstant(constant, c.OutChannels, where)), c.OutChannels) },
                _ => throw new UserInputException($"{where}: Add is only supported right after Gemm, MatMul or Conv (as their bias); here it follows a {target.Kind} node."),
            };
            _nodes[producer] = merged;
            _values[Single(node.Outputs, where, "output")] = (producer, shape);
        }

        private void ImportConv(OnnxNode node, int index, string where)
        {
            (float[] w, long[] dims) = Constant(node, 1, where, "W");
            if (dims.Length != 4)
            {
                throw new UserInputException($"{where}: only 2-D convolutions are supported; the weight has shape [{string.Join(", ", dims)}].");
            }

            int[] shape = [.. dims.Select(d => (int)d)];
            float[]? bias = null;
            if (node.Inputs.Count > 2 && node.Inputs[2].Length > 0)
            {
                (float[] b, _) = Constant(node, 2, where, "B");
                bias = Broadcast(b, shape[0], where, "B");
            }

            int[] kernel = Pair(node, "kernel_shape", [shape[2], shape[3]], where);
            if (kernel[0] != shape[2] || kernel[1] != shape[3])
            {
                throw new UserInputException($"{where}: kernel_shape [{kernel[0]}, {kernel[1]}] disagrees with the weight's [{shape[2]}, {shape[3]}].");
            }

            var conv = new Conv2dNode
            {
                Name = "",
                Weight = FloatTensor.Of(w, shape),
                Bias = bias is null ? null : FloatTensor.Of(bias, shape[0]),
                Stride = Pair(node, "strides", [1, 1], where),
                Dilation = Pair(node, "dilations", [1, 1], where),
                Padding = Pads(node, where),
                Groups = (int)node.GetInt("group", 1),
            };
            AddNode(node, index, where, (name, _) => conv with { Name = name });
        }

        private void ImportAveragePool(OnnxNode node, int index, string where)
        {
            if (node.GetInt("ceil_mode", 0) != 0)
            {
                throw new UserInputException($"{where}: ceil_mode = 1 is not supported; export with ceil_mode = 0 (floor).");
            }

            int[] kernel = Pair(node, "kernel_shape", null, where);
            int[] padding = Pads(node, where);
            if ((padding[0] != 0 || padding[1] != 0) && node.GetInt("count_include_pad", 0) == 0)
            {
                throw new UserInputException(
                    $"{where}: padded average pooling must count the padding (count_include_pad = 1) to be a fixed linear map; set it, or remove the padding.");
            }

            int[] stride = Pair(node, "strides", [1, 1], where);
            AddNode(node, index, where, (name, _) => new AvgPool2dNode { Name = name, KernelSize = kernel, Stride = stride, Padding = padding });
        }

        private void ImportFlatten(OnnxNode node, int index, string where)
        {
            (_, int[] shape) = Value(DynamicInput(node, where), where);
            long axis = node.GetInt("axis", 1);
            int rank = shape.Length + 1;
            if (axis < 0)
            {
                axis += rank;
            }

            if (axis != 1)
            {
                throw new UserInputException($"{where}: Flatten with axis = {node.GetInt("axis", 1)} would mix the batch axis into the features; export with axis = 1.");
            }

            AddNode(node, index, where, (name, _) => new FlattenNode { Name = name });
        }

        private void ImportReshape(OnnxNode node, int index, string where)
        {
            (_, int[] shape) = Value(DynamicInput(node, where), where);
            if (node.Inputs.Count < 2 || !_constants.TryGetValue(node.Inputs[1], out OnnxTensor? target))
            {
                throw new UserInputException($"{where}: the target shape must be a constant (an initializer or Constant node).");
            }

            long[] dims = target.ToInt64Array(where);
            long features = ShapeMath.Product(shape);

            // ONNX Reshape: 0 copies the input's dimension, −1 is inferred. Accept [batch, features] (batch given as 0, −1
            // or a fixed 1) as a flatten, and a shape equal to the input's as a no-op.
            bool batchOk = dims.Length >= 1 && dims[0] is 0 or 1 or -1;
            bool flattens = batchOk && dims.Length == 2
                && (dims[1] == features || (dims[1] == -1 && dims[0] != -1) || (dims[1] == 0 && shape.Length == 1));
            bool unchanged = batchOk && dims.Length == shape.Length + 1
                && dims.Skip(1).Select((d, i) => d == shape[i] || d == 0).All(match => match);
            if (unchanged)
            {
                PassThrough(node, where);
                return;
            }

            if (!flattens)
            {
                throw new UserInputException(
                    $"{where}: Reshape to [{string.Join(", ", dims)}] is not supported; only flattening [batch, ...] to [batch, {features}] is. Use Flatten (axis = 1) instead.");
            }

            AddNode(node, index, where, (name, _) => new FlattenNode { Name = name });
        }

        /// <summary>
        /// y = γ·(x − μ)/√(σ² + ε) + β folded into the producer: W'[o] = W[o]·s[o], b'[o] = (b[o] − μ[o])·s[o] + β[o],
        /// with s = γ/√(σ² + ε).
        /// </summary>
        private void FoldBatchNormalization(OnnxNode node, string where)
        {
            string input = DynamicInput(node, where);
            (int producer, int[] shape) = Value(input, where);
            RequireSingleUse(input, where, "BatchNormalization");
            if (node.Outputs.Skip(1).Any(o => o.Length > 0 && _uses.ContainsKey(o)))
            {
                throw new UserInputException($"{where}: only inference-mode BatchNormalization (one output) can be folded; export the model in eval mode.");
            }

            int channels = shape[0];
            float epsilon = node.GetFloat("epsilon", 1e-5f);
            float[] gamma = Broadcast(Constant(node, 1, where, "scale").Values, channels, where, "scale");
            float[] beta = Broadcast(Constant(node, 2, where, "B").Values, channels, where, "B");
            float[] mean = Broadcast(Constant(node, 3, where, "mean").Values, channels, where, "mean");
            float[] variance = Broadcast(Constant(node, 4, where, "var").Values, channels, where, "var");
            var scale = new float[channels];
            var shift = new float[channels];
            for (int c = 0; c < channels; c++)
            {
                scale[c] = (float)(gamma[c] / Math.Sqrt(variance[c] + (double)epsilon));
                shift[c] = beta[c] - (mean[c] * scale[c]);
            }

            GraphNode target = _nodes[producer];
            _nodes[producer] = target switch
            {
                AffineNode a => a with { Weight = ScaleRows(a.Weight, scale), Bias = FloatTensor.Of(Fold(a.Bias.Data, scale, shift), channels) },
                LinearNode l => new AffineNode { Name = l.Name, Weight = ScaleRows(l.Weight, scale), Bias = FloatTensor.Of(Fold(new float[channels], scale, shift), channels) },
                Conv2dNode c => c with { Weight = ScaleRows(c.Weight, scale), Bias = FloatTensor.Of(Fold(c.Bias?.Data ?? new float[channels], scale, shift), channels) },
                _ => throw new UserInputException(
                    $"{where}: BatchNormalization can only be folded into a directly preceding Conv or Gemm, but it follows a {target.Kind} node. Move it before the activation or fold it before export."),
            };
            _values[node.Outputs[0]] = (producer, shape);
        }

        private void PassThrough(OnnxNode node, string where)
        {
            string input = DynamicInput(node, where);
            _values[node.Outputs[0]] = Value(input, where);
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

        private static float[] Broadcast(float[] values, int count, string where, string what)
        {
            if (values.Length == count)
            {
                return (float[])values.Clone();
            }

            if (values.Length == 1)
            {
                var filled = new float[count];
                Array.Fill(filled, values[0]);
                return filled;
            }

            throw new UserInputException($"{where}: {what} has {values.Length} values; expected 1 or {count}.");
        }

        /// <summary>A constant added to a conv output [C, H, W] must be per channel: shape [C, 1, 1], [1, C, 1, 1], [C] or a scalar.</summary>
        private static float[] ChannelConstant(float[] values, int channels, string where) =>
            Broadcast(values, channels, where, "the added constant (per channel)");

        private static float[] Sum(float[] a, float[] b)
        {
            var sum = new float[a.Length];
            for (int i = 0; i < a.Length; i++)
            {
                sum[i] = a[i] + b[i];
            }

            return sum;
        }

        private static float[] Fold(float[] bias, float[] scale, float[] shift)
        {
            var folded = new float[bias.Length];
            for (int c = 0; c < bias.Length; c++)
            {
                folded[c] = (bias[c] * scale[c]) + shift[c];
            }

            return folded;
        }

        /// <summary>Multiplies every element of row (first-axis slice) o by scale[o].</summary>
        private static FloatTensor ScaleRows(FloatTensor weight, float[] scale)
        {
            int rowLength = weight.Count / weight.Shape[0];
            var data = new float[weight.Count];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = weight.Data[i] * scale[i / rowLength];
            }

            return FloatTensor.Of(data, weight.Shape);
        }

        private static int[] Pair(OnnxNode node, string attribute, int[]? defaultValue, string where)
        {
            IReadOnlyList<long>? values = node.GetInts(attribute);
            if (values is null)
            {
                return defaultValue ?? throw new UserInputException($"{where}: attribute '{attribute}' is required.");
            }

            if (values.Count != 2 || values.Any(v => v < 1 || v > int.MaxValue))
            {
                throw new UserInputException($"{where}: attribute '{attribute}' = [{string.Join(", ", values)}] must be two positive integers (2-D operators only).");
            }

            return [(int)values[0], (int)values[1]];
        }

        /// <summary>ONNX pads [top, left, bottom, right] must be symmetric; auto_pad may be NOTSET or VALID.</summary>
        private static int[] Pads(OnnxNode node, string where)
        {
            string autoPad = node.GetText("auto_pad", "NOTSET");
            if (autoPad is not ("NOTSET" or "VALID" or ""))
            {
                throw new UserInputException($"{where}: auto_pad = {autoPad} is not supported; export with explicit symmetric pads.");
            }

            IReadOnlyList<long>? pads = node.GetInts("pads");
            if (pads is null || autoPad == "VALID")
            {
                return [0, 0];
            }

            if (pads.Count != 4 || pads[0] != pads[2] || pads[1] != pads[3] || pads.Any(p => p < 0 || p > int.MaxValue))
            {
                throw new UserInputException($"{where}: pads [{string.Join(", ", pads)}] must be four non-negative values with top = bottom and left = right.");
            }

            return [(int)pads[0], (int)pads[1]];
        }

        private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
    }
}
