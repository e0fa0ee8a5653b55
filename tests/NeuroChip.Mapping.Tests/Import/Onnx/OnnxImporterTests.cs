namespace NeuroChip.Mapping.Tests.Import.Onnx;

public sealed class OnnxImporterTests
{
    private static OnnxModel Model(long opset, int[] inputShape, Action<OnnxGraph> build, string output = "y")
    {
        var m = new OnnxModel();
        m.OperatorSets.Add(new OnnxOperatorSet("", opset));
        m.Graph.Inputs.Add(OnnxValueInfo.Tensor("x", OnnxDataType.FloatingPoint32,
            [OnnxDimension.Symbolic("N"), .. inputShape.Select(d => OnnxDimension.Fixed(d))]));
        m.Graph.Outputs.Add(OnnxValueInfo.Tensor(output, OnnxDataType.FloatingPoint32));
        build(m.Graph);
        return m;
    }

    private static NetworkGraph Import(OnnxModel model) =>
        OnnxImporter.Import(OnnxModelFile.Parse(OnnxModelFile.ToBytes(model), "test.onnx"), "test.onnx");

    [Fact]
    public void Import_MatMulAddDropoutIdentitySoftmax_GivesOneAffineNode()
    {
        // y = softmax(x·B + c) with B = [[1, 2], [3, 4], [5, 6]] (in = 3, out = 2), c = [10, 20].
        OnnxModel m = Model(13, [3], g =>
        {
            g.Initializers.Add(OnnxTensor.FromFloats("B", [3, 2], [1, 2, 3, 4, 5, 6]));
            g.Initializers.Add(OnnxTensor.FromFloats("c", [2], [10, 20]));
            g.Nodes.Add(OnnxNode.Create("mm", "MatMul", ["x", "B"], ["h"]));
            g.Nodes.Add(OnnxNode.Create("add", "Add", ["h", "c"], ["h2"]));
            g.Nodes.Add(OnnxNode.Create("drop", "Dropout", ["h2"], ["h3"]));
            g.Nodes.Add(OnnxNode.Create("id", "Identity", ["h3"], ["h4"]));
            g.Nodes.Add(OnnxNode.Create("sm", "Softmax", ["h4"], ["y"]));
        });

        NetworkGraph graph = Import(m);

        Assert.Equal(["input", "affine", "output"], graph.Nodes.Select(n => n.Kind));
        // x = [1, 1, 1]: [1+3+5+10, 2+4+6+20] = [19, 32] (the softmax is dropped)
        Assert.Equal(new[] { 19f, 32f }, AnnForwardPass.Create(graph).Predict([1, 1, 1]));
    }

    [Theory]
    [InlineData("BatchNormalization")]
    [InlineData("Dropout")]
    [InlineData("Identity")]
    public void Import_FoldedOrDroppedNodeWithoutOutputs_RaisesUserErrorNamingTheNode(string opType)
    {
        // Found by fuzzing (onnx): a BatchNormalization with an empty output list made the importer index
        // node.Outputs[0] (ArgumentOutOfRangeException); Dropout and Identity shared the same pass-through code.
        OnnxModel m = Model(13, [2], g =>
        {
            g.Initializers.Add(OnnxTensor.FromFloats("B", [2, 2], [1, 0, 0, 1]));
            foreach (string p in new[] { "gamma", "beta", "mean", "var" })
            {
                g.Initializers.Add(OnnxTensor.FromFloats(p, [2], [1, 1]));
            }

            g.Nodes.Add(OnnxNode.Create("mm", "MatMul", ["x", "B"], ["h"]));
            g.Nodes.Add(OnnxNode.Create("odd", opType, opType == "BatchNormalization" ? ["h", "gamma", "beta", "mean", "var"] : ["h"], []));
        });

        var e = Assert.Throws<UserInputException>(() => Import(m));
        Assert.Equal($"test.onnx: node 'odd' ({opType}): has no output.", e.Message);
    }

    [Theory]
    [InlineData(OnnxDataType.FloatingPoint32)]
    [InlineData(OnnxDataType.SignedInteger64)]
    [InlineData(OnnxDataType.Text)]
    public void Import_WeightDeclaringMoreElementsThanItStores_RaisesUserErrorBeforeAllocating(OnnxDataType type)
    {
        // A 4-byte tensor claiming 3 × 50,000,000 elements: the importer used to allocate the declared
        // 600 MB (float) or 1.2 GB (int64) before noticing the data was missing; the fuzz harness's
        // allocation limit (10 × input + 16 MiB) flags that as a memory blow-up.
        var weight = new OnnxTensor { Name = "B", DataType = type, RawData = [0, 0, 0x80, 0x3F] };
        weight.Dims.AddRange([3, 50_000_000]);
        OnnxModel m = Model(13, [3], g =>
        {
            g.Initializers.Add(weight);
            g.Nodes.Add(OnnxNode.Create("mm", "MatMul", ["x", "B"], ["y"]));
        });
        byte[] bytes = OnnxModelFile.ToBytes(m);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<UserInputException>(() => OnnxImporter.Import(OnnxModelFile.Parse(bytes, "big.onnx"), "big.onnx"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("tensor 'B'", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 16 << 20, $"allocated {allocated} bytes for a {bytes.Length}-byte model");
    }

    [Fact]
    public void Import_BatchNormalizationOnAHugeDeclaredInput_RefusesBeforeBroadcastingItsParameters()
    {
        // BatchNormalization straight on a graph input declared [N, 400,000,000] with scalar parameters: the
        // importer used to broadcast the four parameters to 400 M channels (6.4 GB) before noticing that there is
        // no Conv or Gemm to fold into.
        OnnxModel m = Model(13, [400_000_000], g =>
        {
            foreach (string p in new[] { "gamma", "beta", "mean", "var" })
            {
                g.Initializers.Add(OnnxTensor.FromFloats(p, [], [1]));
            }

            g.Nodes.Add(OnnxNode.Create("bn", "BatchNormalization", ["x", "gamma", "beta", "mean", "var"], ["y"]));
        });

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<UserInputException>(() => Import(m));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("node 'bn' (BatchNormalization): BatchNormalization can only be folded into a directly preceding Conv or Gemm, but it follows a input node", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 16 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Import_GemmWithAlphaBetaTransB0_ScalesAndTransposes()
    {
        // Gemm: y = 2·x·B + 0.5·C with B [in 2, out 2] = [[1, 2], [3, 4]], C = [4, 8].
        OnnxModel m = Model(11, [2], g =>
        {
            g.Initializers.Add(OnnxTensor.FromFloats("B", [2, 2], [1, 2, 3, 4]));
            g.Initializers.Add(OnnxTensor.FromFloats("C", [2], [4, 8]));
            g.Nodes.Add(OnnxNode.Create("gemm", "Gemm", ["x", "B", "C"], ["y"], OnnxAttributeProto.FromFloat("alpha", 2), OnnxAttributeProto.FromFloat("beta", 0.5f)));
        });

        // x = [1, 0]: 2·[1, 2] + [2, 4] = [4, 8]; x = [0, 1]: 2·[3, 4] + [2, 4] = [8, 12]
        var pass = AnnForwardPass.Create(Import(m));
        Assert.Equal(new[] { 4f, 8f }, pass.Predict([1, 0]));
        Assert.Equal(new[] { 8f, 12f }, pass.Predict([0, 1]));
    }

    [Fact]
    public void Import_GlobalAveragePoolAndReshape_AverageEachChannel()
    {
        OnnxModel m = Model(17, [2, 2, 2], g =>
        {
            g.Nodes.Add(OnnxNode.Create("c", "Constant", [], ["shape"], OnnxAttributeProto.FromTensor("value", OnnxTensor.FromInt64s("", [2], [0, -1]))));
            g.Nodes.Add(OnnxNode.Create("gap", "GlobalAveragePool", ["x"], ["p"]));
            g.Nodes.Add(OnnxNode.Create("reshape", "Reshape", ["p", "shape"], ["y"]));
        });

        NetworkGraph graph = Import(m);

        // channel means: (1+2+3+4)/4 = 2.5, (5+6+7+8)/4 = 6.5
        Assert.Equal(new[] { 2.5f, 6.5f }, AnnForwardPass.Create(graph).Predict([1, 2, 3, 4, 5, 6, 7, 8]));
        Assert.Equal(new[] { 2 }, ShapeInference.Infer(graph)["y"]);
    }

    [Fact]
    public void Import_ConvBatchNormRelu_FoldedGraphMatchesUnfoldedComputation()
    {
        // Conv 1→2 channels, 3×3, pad 1 on a 1×4×4 input, then BatchNormalization with non-trivial statistics.
        var weights = new Random(4);
        float[] w = [.. Enumerable.Range(0, 18).Select(_ => (float)(weights.NextDouble() - 0.5))];
        float[] b = [0.05f, -0.1f];
        float[] gamma = [1.5f, 0.5f], beta = [0.1f, -0.2f], mean = [0.3f, -0.4f], variance = [2f, 0.25f];
        const float epsilon = 1e-3f;
        OnnxModel m = Model(13, [1, 4, 4], g =>
        {
            g.Initializers.Add(OnnxTensor.FromFloats("w", [2, 1, 3, 3], w));
            g.Initializers.Add(OnnxTensor.FromFloats("b", [2], b));
            g.Initializers.Add(OnnxTensor.FromFloats("gamma", [2], gamma));
            g.Initializers.Add(OnnxTensor.FromFloats("beta", [2], beta));
            g.Initializers.Add(OnnxTensor.FromFloats("mean", [2], mean));
            g.Initializers.Add(OnnxTensor.FromFloats("var", [2], variance));
            g.Nodes.Add(OnnxNode.Create("conv", "Conv", ["x", "w", "b"], ["c"], OnnxAttributeProto.FromInts("pads", 1, 1, 1, 1)));
            g.Nodes.Add(OnnxNode.Create("bn", "BatchNormalization", ["c", "gamma", "beta", "mean", "var"], ["n"], OnnxAttributeProto.FromFloat("epsilon", epsilon)));
            g.Nodes.Add(OnnxNode.Create("relu", "Relu", ["n"], ["y"]));
        });
        var random = new Random(3);
        float[] x = Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble()).ToArray();

        NetworkGraph graph = Import(m);
        float[] folded = AnnForwardPass.Create(graph).Predict(x);

        // Unfolded: the convolution by its definition, then BN per channel by its definition, then ReLU.
        float[] conv = Conv3x3Pad1(x, w, b, channels: 2, size: 4);
        Assert.Equal(32, folded.Length);
        for (int i = 0; i < 32; i++)
        {
            int c = i / 16;
            float bn = (gamma[c] * (conv[i] - mean[c]) / MathF.Sqrt(variance[c] + epsilon)) + beta[c];
            Assert.Equal(Math.Max(bn, 0f), folded[i], 5);
        }

        Assert.DoesNotContain(graph.Nodes, n => n.Name == "bn");
    }

    [Fact]
    public void Import_GemmBatchNorm_FoldsIntoAffine()
    {
        // Gemm 2→2 (W = I, b = 0) then BN with γ = [2, 1], β = [0, 1], μ = [1, 0], σ² = [1, 4], ε = 0:
        // y0 = 2·(x0 − 1)/1 + 0 = 2x0 − 2; y1 = (x1 − 0)/2 + 1 = x1/2 + 1.
        OnnxModel m = Model(13, [2], g =>
        {
            g.Initializers.Add(OnnxTensor.FromFloats("W", [2, 2], [1, 0, 0, 1]));
            g.Initializers.Add(OnnxTensor.FromFloats("gamma", [2], [2, 1]));
            g.Initializers.Add(OnnxTensor.FromFloats("beta", [2], [0, 1]));
            g.Initializers.Add(OnnxTensor.FromFloats("mean", [2], [1, 0]));
            g.Initializers.Add(OnnxTensor.FromFloats("var", [2], [1, 4]));
            g.Nodes.Add(OnnxNode.Create("fc", "Gemm", ["x", "W"], ["h"], OnnxAttributeProto.FromInt("transB", 1)));
            g.Nodes.Add(OnnxNode.Create("bn", "BatchNormalization", ["h", "gamma", "beta", "mean", "var"], ["y"], OnnxAttributeProto.FromFloat("epsilon", 0)));
        });

        // x = [3, 6]: [2·3 − 2, 6/2 + 1] = [4, 4]
        Assert.Equal(new[] { 4f, 4f }, AnnForwardPass.Create(Import(m)).Predict([3, 6]));
    }

    [Theory]
    [InlineData("MaxPool", "AveragePool")]
    [InlineData("Sigmoid", "Relu")]
    [InlineData("Tanh", "Relu")]
    [InlineData("GlobalMaxPool", "GlobalAveragePool")]
    [InlineData("LSTM", "supported operators")]
    public void Import_UnsupportedOperator_RefusedWithNodeNameOpTypeAndAlternative(string opType, string suggestion)
    {
        OnnxModel m = Model(13, [1, 4, 4], g => g.Nodes.Add(OnnxNode.Create("layer7", opType, ["x"], ["y"])));

        var e = Assert.Throws<UserInputException>(() => Import(m));

        Assert.Contains("'layer7'", e.Message, StringComparison.Ordinal);
        Assert.Contains($"({opType})", e.Message, StringComparison.Ordinal);
        Assert.Contains(suggestion, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(18)]
    public void Import_OpsetOutsideRange_Refused(long opset)
    {
        OnnxModel m = Model(opset, [2], g => g.Nodes.Add(OnnxNode.Create("r", "Relu", ["x"], ["y"])));

        var e = Assert.Throws<UserInputException>(() => Import(m));

        Assert.Contains($"opset {opset}", e.Message, StringComparison.Ordinal);
        Assert.Contains("11 to 17", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_InnerSoftmax_Refused()
    {
        OnnxModel m = Model(13, [2], g =>
        {
            g.Nodes.Add(OnnxNode.Create("sm", "Softmax", ["x"], ["s"]));
            g.Nodes.Add(OnnxNode.Create("r", "Relu", ["s"], ["y"]));
        });

        var e = Assert.Throws<UserInputException>(() => Import(m));

        Assert.Contains("'sm'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_BatchNormAfterRelu_RefusedExplaining()
    {
        OnnxModel m = Model(13, [2], g =>
        {
            foreach (string n in new[] { "g", "b", "m", "v" })
            {
                g.Initializers.Add(OnnxTensor.FromFloats(n, [2], [1, 1]));
            }

            g.Nodes.Add(OnnxNode.Create("r", "Relu", ["x"], ["h"]));
            g.Nodes.Add(OnnxNode.Create("bn", "BatchNormalization", ["h", "g", "b", "m", "v"], ["y"]));
        });

        var e = Assert.Throws<UserInputException>(() => Import(m));

        Assert.Contains("preceding Conv or Gemm", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_AsymmetricPads_Refused()
    {
        OnnxModel m = Model(13, [1, 4, 4], g =>
        {
            g.Initializers.Add(OnnxTensor.FromFloats("w", [1, 1, 3, 3], new float[9]));
            g.Nodes.Add(OnnxNode.Create("conv", "Conv", ["x", "w"], ["y"], OnnxAttributeProto.FromInts("pads", 0, 0, 1, 1)));
        });

        var e = Assert.Throws<UserInputException>(() => Import(m));

        Assert.Contains("top = bottom", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ResidualAdd_Refused()
    {
        OnnxModel m = Model(13, [2], g =>
        {
            g.Nodes.Add(OnnxNode.Create("r", "Relu", ["x"], ["h"]));
            g.Nodes.Add(OnnxNode.Create("add", "Add", ["h", "x"], ["y"]));
        });

        var e = Assert.Throws<UserInputException>(() => Import(m));

        Assert.Contains("residual", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Direct 3×3 convolution of one size×size channel, padding 1, stride 1: out[c,i,j] = b[c] + Σ w[c,m,n]·x[i+m−1, j+n−1].</summary>
    private static float[] Conv3x3Pad1(float[] x, float[] w, float[] b, int channels, int size)
    {
        var output = new float[channels * size * size];
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < size; i++)
            {
                for (int j = 0; j < size; j++)
                {
                    float sum = b[c];
                    for (int m = 0; m < 3; m++)
                    {
                        for (int n = 0; n < 3; n++)
                        {
                            int r = i + m - 1, q = j + n - 1;
                            if (r >= 0 && r < size && q >= 0 && q < size)
                            {
                                sum += w[(c * 9) + (m * 3) + n] * x[(r * size) + q];
                            }
                        }
                    }

                    output[(c * size * size) + (i * size) + j] = sum;
                }
            }
        }

        return output;
    }
}
