namespace NeuroChip.Mapping.Tests.Import.Onnx;

/// <summary>
/// The ONNX project's own operator test cases (Debian package libonnx-testdata): each holds a model written by the
/// reference implementation, its inputs and the expected output as TensorProto files. Weights that the cases pass
/// as graph inputs are turned into initializers, the first input's leading axis is the batch.
/// </summary>
public sealed class OnnxConformanceTests
{
    private const string Root = "/usr/share/libonnx-testdata/data/node";

    [Theory]
    [InlineData("test_relu")]
    [InlineData("test_gemm_default_vector_bias")]
    [InlineData("test_gemm_default_no_bias")]
    [InlineData("test_gemm_transposeB")]
    [InlineData("test_gemm_alpha")]
    [InlineData("test_gemm_beta")]
    [InlineData("test_matmul_2d")]
    [InlineData("test_averagepool_2d_default")]
    [InlineData("test_averagepool_2d_strides")]
    [InlineData("test_averagepool_2d_precomputed_strides")]
    [InlineData("test_averagepool_2d_pads_count_include_pad")]
    [InlineData("test_conv_with_strides_padding")]
    [InlineData("test_conv_with_strides_no_padding")]
    [InlineData("test_conv_with_strides_and_asymmetric_padding")]
    [InlineData("test_flatten_axis1")]
    [InlineData("test_dropout_default")]
    [InlineData("test_identity")]
    public void ImportAndRun_OnnxReferenceCase_MatchesExpectedOutput(string name)
    {

        (AnnForwardPass pass, float[] input, int batch, float[] expected) = Load(name);

        int inSize = input.Length / batch, outSize = expected.Length / batch;
        Assert.Equal(outSize, pass.OutputSize);
        for (int n = 0; n < batch; n++)
        {
            float[] actual = pass.Predict(input.AsSpan(n * inSize, inSize));
            for (int k = 0; k < outSize; k++)
            {
                Assert.Equal(expected[(n * outSize) + k], actual[k], 4);
            }
        }
    }

    [Theory]
    [InlineData("test_averagepool_2d_ceil", "ceil_mode")]
    [InlineData("test_averagepool_2d_pads", "count_include_pad")]
    [InlineData("test_flatten_axis0", "axis = 0")]
    [InlineData("test_globalaveragepool", "opset 1;")]
    [InlineData("test_maxpool_2d_default", "AveragePool")]
    [InlineData("test_sigmoid", "Relu")]
    public void Import_OnnxReferenceCaseOutsideSupport_RefusedWithReason(string name, string reason)
    {

        var e = Assert.Throws<UserInputException>(() => Load(name));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    private static (AnnForwardPass Pass, float[] Input, int Batch, float[] Expected) Load(string name)
    {
        string dir = Path.Combine(Root, name);
        OnnxModel model = OnnxModelFile.Read(Path.Combine(dir, "model.onnx"));
        string data = Path.Combine(dir, "test_data_set_0");
        OnnxGraph g = model.Graph;

        // Inputs 1.. become initializers named after the graph inputs they feed.
        for (int i = 1; i < g.Inputs.Count; i++)
        {
            OnnxTensor weight = OnnxModelFile.ParseTensor(File.ReadAllBytes(Path.Combine(data, $"input_{i}.pb")), name);
            weight.Name = g.Inputs[i].Name;
            g.Initializers.Add(weight);
        }

        g.Inputs.RemoveRange(1, g.Inputs.Count - 1);
        OnnxTensor input = OnnxModelFile.ParseTensor(File.ReadAllBytes(Path.Combine(data, "input_0.pb")), name);
        OnnxTensor output = OnnxModelFile.ParseTensor(File.ReadAllBytes(Path.Combine(data, "output_0.pb")), name);
        g.Inputs[0].Shape = [.. input.Dims.Select(OnnxDimension.Fixed)];
        var pass = AnnForwardPass.Create(OnnxImporter.Import(model, name));
        return (pass, input.ToFloatArray(name), (int)input.Dims[0], output.ToFloatArray(name));
    }
}
