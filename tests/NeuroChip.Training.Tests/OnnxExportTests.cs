using NeuroChip.Mapping.Ann;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Import.Onnx;

namespace NeuroChip.Training.Tests;

public sealed class OnnxExportTests
{
    [Fact]
    public void ToOnnx_Cnn_WritesExpectedOperatorsAndWeights()
    {
        NetworkSpec spec = NetworkSpec.Cnn(new SampleShape(1, 8, 8), 10, [4], 6);
        var net = ReferenceNetwork.Create(spec, seed: 2);

        OnnxModel m = OnnxModelFile.Parse(OnnxModelFile.ToBytes(OnnxExport.ToOnnx(net)), "export");

        Assert.Equal(13, m.DefaultOpsetVersion("export"));
        Assert.Equal(["Conv", "Relu", "AveragePool", "Flatten", "Gemm", "Relu", "Gemm"], m.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal("input", m.Graph.Nodes[0].Inputs[0]);
        Assert.Equal("logits", m.Graph.Nodes[^1].Outputs[0]);
        for (int i = 1; i < m.Graph.Nodes.Count; i++)
        {
            Assert.Equal(m.Graph.Nodes[i - 1].Outputs[0], m.Graph.Nodes[i].Inputs[0]);
        }

        OnnxNode conv = m.Graph.Nodes[0];
        Assert.Equal(new long[] { 3, 3 }, conv.GetInts("kernel_shape"));
        Assert.Equal(new long[] { 1, 1, 1, 1 }, conv.GetInts("pads"));
        Assert.Equal(new long[] { 2, 2 }, m.Graph.Nodes[2].GetInts("kernel_shape"));
        Assert.Equal(1, m.Graph.Nodes[4].GetInt("transB", 0));

        // Conv weight [4, 1, 3, 3] then bias [4]: the first 40 parameters of layer 0, in order.
        OnnxTensor w = m.Graph.Initializers.Single(t => t.Name == conv.Inputs[1]);
        OnnxTensor b = m.Graph.Initializers.Single(t => t.Name == conv.Inputs[2]);
        Assert.Equal(new long[] { 4, 1, 3, 3 }, w.Dims);
        Assert.Equal(net.LayerParameters(0)[..36].ToArray(), w.ToFloatArray("w"));
        Assert.Equal(net.LayerParameters(0)[36..].ToArray(), b.ToFloatArray("b"));

        // Gemm after Flatten: 4 channels × 4 × 4 = 64 inputs → 6 outputs.
        OnnxTensor gemmWeight = m.Graph.Initializers.Single(t => t.Name == m.Graph.Nodes[4].Inputs[1]);
        Assert.Equal(new long[] { 6, 64 }, gemmWeight.Dims);
    }

    [Fact]
    public void ToOnnx_DenseWithoutBias_GemmHasTwoInputs()
    {
        var spec = new NetworkSpec(new SampleShape(3, 1, 1), [new DenseSpec(2, Bias: false)]);
        var net = ReferenceNetwork.Create(spec, seed: 1);

        OnnxModel m = OnnxExport.ToOnnx(net);

        Assert.Equal(2, Assert.Single(m.Graph.Nodes).Inputs.Count);
        Assert.Single(m.Graph.Initializers);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ToOnnx_ImportedBack_ForwardPassEqualsTrainerNetwork(bool cnn)
    {
        Dataset digits = DigitsDataset.Load().Take(20);
        NetworkSpec spec = cnn ? NetworkSpec.Cnn(digits.Shape, 10, [4, 6], 12) : NetworkSpec.Mlp(digits.Shape, 10, 16);
        var net = ReferenceNetwork.Create(spec, seed: 9);

        NetworkGraph graph = OnnxImporter.Import(OnnxModelFile.Parse(OnnxModelFile.ToBytes(OnnxExport.ToOnnx(net)), "test.onnx"), "test.onnx");
        var pass = AnnForwardPass.Create(graph);

        for (int i = 0; i < digits.Count; i++)
        {
            float[] expected = net.Predict(digits.Sample(i));
            float[] actual = pass.Predict(digits.Sample(i));
            for (int k = 0; k < expected.Length; k++)
            {
                Assert.Equal(expected[k], actual[k], 4);
            }
        }
    }
}
