using NeuroChip.EventSim;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>The ONNX operators that become graph nodes or fold into one (Gemm, MatMul, Add, Conv, pooling, Flatten, Reshape, BatchNormalization).</summary>
internal sealed partial class OnnxImportState
{
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
            bias = OnnxParameterMath.Broadcast(c, outputs, where, "C");
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
            LinearNode l => new AffineNode { Name = l.Name, Weight = l.Weight, Bias = FloatTensor.Of(OnnxParameterMath.Broadcast(constant, shape[0], where, "the added constant"), shape[0]) },
            AffineNode a => a with { Bias = FloatTensor.Of(OnnxParameterMath.Sum(a.Bias.Data, OnnxParameterMath.Broadcast(constant, shape[0], where, "the added constant")), shape[0]) },
            Conv2dNode c => c with { Bias = FloatTensor.Of(OnnxParameterMath.Sum(c.Bias?.Data ?? new float[c.OutChannels], OnnxParameterMath.ChannelConstant(constant, c.OutChannels, where)), c.OutChannels) },
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
            bias = OnnxParameterMath.Broadcast(b, shape[0], where, "B");
        }

        int[] kernel = OnnxSpatialAttributes.Pair(node, "kernel_shape", [shape[2], shape[3]], where);
        if (kernel[0] != shape[2] || kernel[1] != shape[3])
        {
            throw new UserInputException($"{where}: kernel_shape [{kernel[0]}, {kernel[1]}] disagrees with the weight's [{shape[2]}, {shape[3]}].");
        }

        var conv = new Conv2dNode
        {
            Name = "",
            Weight = FloatTensor.Of(w, shape),
            Bias = bias is null ? null : FloatTensor.Of(bias, shape[0]),
            Stride = OnnxSpatialAttributes.Pair(node, "strides", [1, 1], where),
            Dilation = OnnxSpatialAttributes.Pair(node, "dilations", [1, 1], where),
            Padding = OnnxSpatialAttributes.Pads(node, where),
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

        int[] kernel = OnnxSpatialAttributes.Pair(node, "kernel_shape", null, where);
        int[] padding = OnnxSpatialAttributes.Pads(node, where);
        if ((padding[0] != 0 || padding[1] != 0) && node.GetInt("count_include_pad", 0) == 0)
        {
            throw new UserInputException(
                $"{where}: padded average pooling must count the padding (count_include_pad = 1) to be a fixed linear map; set it, or remove the padding.");
        }

        int[] stride = OnnxSpatialAttributes.Pair(node, "strides", [1, 1], where);
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

        // Refuse before broadcasting the parameters: a declared input shape must not size allocations by itself.
        GraphNode target = _nodes[producer];
        if (target is not (AffineNode or LinearNode or Conv2dNode))
        {
            throw new UserInputException(
                $"{where}: BatchNormalization can only be folded into a directly preceding Conv or Gemm, but it follows a {target.Kind} node. Move it before the activation or fold it before export.");
        }

        int channels = shape[0];
        float epsilon = node.GetFloat("epsilon", 1e-5f);
        float[] gamma = OnnxParameterMath.Broadcast(Constant(node, 1, where, "scale").Values, channels, where, "scale");
        float[] beta = OnnxParameterMath.Broadcast(Constant(node, 2, where, "B").Values, channels, where, "B");
        float[] mean = OnnxParameterMath.Broadcast(Constant(node, 3, where, "mean").Values, channels, where, "mean");
        float[] variance = OnnxParameterMath.Broadcast(Constant(node, 4, where, "var").Values, channels, where, "var");
        var scale = new float[channels];
        var shift = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            scale[c] = (float)(gamma[c] / Math.Sqrt(variance[c] + (double)epsilon));
            shift[c] = beta[c] - (mean[c] * scale[c]);
        }

        _nodes[producer] = target switch
        {
            AffineNode a => a with { Weight = OnnxParameterMath.ScaleRows(a.Weight, scale), Bias = FloatTensor.Of(OnnxParameterMath.Fold(a.Bias.Data, scale, shift), channels) },
            LinearNode l => new AffineNode { Name = l.Name, Weight = OnnxParameterMath.ScaleRows(l.Weight, scale), Bias = FloatTensor.Of(OnnxParameterMath.Fold(new float[channels], scale, shift), channels) },
            Conv2dNode c => c with { Weight = OnnxParameterMath.ScaleRows(c.Weight, scale), Bias = FloatTensor.Of(OnnxParameterMath.Fold(c.Bias?.Data ?? new float[channels], scale, shift), channels) },
            _ => throw new System.Diagnostics.UnreachableException(),
        };
        _values[Single(node.Outputs, where, "output")] = (producer, shape);
    }
}
