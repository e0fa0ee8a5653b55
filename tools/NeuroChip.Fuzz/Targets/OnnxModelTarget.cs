using NeuroChip.Mapping.Import.Onnx;

namespace NeuroChip.Fuzz.Targets;

/// <summary>ONNX model bytes through the importer's entry: <see cref="OnnxModelFile.Parse"/>, then <see cref="OnnxImporter.Import"/>.</summary>
internal sealed class OnnxModelTarget : FuzzTarget
{
    private const string Source = "fuzz.onnx";

    public override string Name => "onnx";

    public override string Description => "ONNX ModelProto bytes -> OnnxImporter (src/Mapping/Import/Onnx)";

    public override void Parse(byte[] input) => OnnxImporter.Import(OnnxModelFile.Parse(input, Source), Source);

    public override IEnumerable<(string Name, byte[] Bytes)> GeneratedSeeds()
    {
        yield return ("matmul-add", OnnxModelFile.ToBytes(Model(13, [3], g =>
        {
            g.Initializers.Add(OnnxTensor.FromFloats("B", [3, 2], [1, 2, 3, 4, 5, 6]));
            g.Initializers.Add(OnnxTensor.FromFloats("c", [2], [10, 20]));
            g.Nodes.Add(OnnxNode.Create("mm", "MatMul", ["x", "B"], ["h"]));
            g.Nodes.Add(OnnxNode.Create("add", "Add", ["h", "c"], ["h2"]));
            g.Nodes.Add(OnnxNode.Create("drop", "Dropout", ["h2"], ["h3"]));
            g.Nodes.Add(OnnxNode.Create("sm", "Softmax", ["h3"], ["y"]));
        })));
        yield return ("gemm-relu", OnnxModelFile.ToBytes(Model(11, [2], g =>
        {
            g.Initializers.Add(OnnxTensor.FromFloats("B", [2, 2], [1, 2, 3, 4]));
            g.Initializers.Add(OnnxTensor.FromFloats("C", [2], [4, 8]));
            g.Nodes.Add(OnnxNode.Create("gemm", "Gemm", ["x", "B", "C"], ["h"], OnnxAttributeProto.FromFloat("alpha", 2), OnnxAttributeProto.FromInt("transB", 1)));
            g.Nodes.Add(OnnxNode.Create("relu", "Relu", ["h"], ["y"]));
        })));
        yield return ("conv-bn-pool", OnnxModelFile.ToBytes(Model(17, [1, 4, 4], g =>
        {
            g.Initializers.Add(OnnxTensor.FromFloats("W", [2, 1, 3, 3], Enumerable.Range(0, 18).Select(i => i * 0.1f).ToArray()));
            g.Initializers.Add(OnnxTensor.FromFloats("b", [2], [0.1f, -0.1f]));
            g.Initializers.Add(OnnxTensor.FromFloats("scale", [2], [1, 2]));
            g.Initializers.Add(OnnxTensor.FromFloats("bias", [2], [0, 1]));
            g.Initializers.Add(OnnxTensor.FromFloats("mean", [2], [0.5f, 0]));
            g.Initializers.Add(OnnxTensor.FromFloats("var", [2], [1, 4]));
            g.Initializers.Add(OnnxTensor.FromInt64s("shape", [2], [-1, 8]));
            g.Nodes.Add(OnnxNode.Create("conv", "Conv", ["x", "W", "b"], ["c"], OnnxAttributeProto.FromInts("pads", 1, 1, 1, 1), OnnxAttributeProto.FromInts("strides", 1, 1)));
            g.Nodes.Add(OnnxNode.Create("bn", "BatchNormalization", ["c", "scale", "bias", "mean", "var"], ["n"], OnnxAttributeProto.FromFloat("epsilon", 1e-5f)));
            g.Nodes.Add(OnnxNode.Create("relu", "Relu", ["n"], ["r"]));
            g.Nodes.Add(OnnxNode.Create("pool", "AveragePool", ["r"], ["p"], OnnxAttributeProto.FromInts("kernel_shape", 2, 2), OnnxAttributeProto.FromInts("strides", 2, 2)));
            g.Nodes.Add(OnnxNode.Create("flat", "Reshape", ["p", "shape"], ["y"]));
        })));
        yield return ("gap-flatten", OnnxModelFile.ToBytes(Model(12, [2, 3, 3], g =>
        {
            g.Nodes.Add(OnnxNode.Create("gap", "GlobalAveragePool", ["x"], ["g"]));
            g.Nodes.Add(OnnxNode.Create("flat", "Flatten", ["g"], ["y"], OnnxAttributeProto.FromInt("axis", 1)));
        })));
    }

    private static OnnxModel Model(long opset, int[] inputShape, Action<OnnxGraph> build)
    {
        var m = new OnnxModel();
        m.OperatorSets.Add(new OnnxOperatorSet("", opset));
        m.Graph.Inputs.Add(OnnxValueInfo.Tensor("x", OnnxDataType.FloatingPoint32,
            [OnnxDimension.Symbolic("N"), .. inputShape.Select(d => OnnxDimension.Fixed(d))]));
        m.Graph.Outputs.Add(OnnxValueInfo.Tensor("y", OnnxDataType.FloatingPoint32));
        build(m.Graph);
        return m;
    }
}
