using static NeuroChip.Mapping.Tests.Import.Onnx.ProtoBytes;

namespace NeuroChip.Mapping.Tests.Import.Onnx;

public sealed class OnnxModelFileTests
{
    private static OnnxModel SampleModel()
    {
        var model = new OnnxModel { IrVersion = 7, ProducerName = "test", ProducerVersion = "1.0", DocString = "doc" };
        model.OperatorSets.Add(new OnnxOperatorSet("", 13));
        model.OperatorSets.Add(new OnnxOperatorSet("com.example", 2));
        OnnxGraph g = model.Graph;
        g.Name = "g";
        g.Inputs.Add(OnnxValueInfo.Tensor("x", OnnxDataType.FloatingPoint32, OnnxDimension.Symbolic("N"), OnnxDimension.Fixed(1), OnnxDimension.Fixed(4), OnnxDimension.Fixed(4)));
        g.Outputs.Add(OnnxValueInfo.Tensor("y", OnnxDataType.FloatingPoint32, OnnxDimension.Symbolic("N"), OnnxDimension.Fixed(3)));
        g.Initializers.Add(OnnxTensor.FromFloats("w", [3, 16], Enumerable.Range(0, 48).Select(i => i * 0.25f - 3f).ToArray()));
        var packed = new OnnxTensor { Name = "b", DataType = OnnxDataType.FloatingPoint32 };
        packed.Dims.Add(3);
        packed.FloatData.AddRange([0.5f, -1f, float.MaxValue]);
        g.Initializers.Add(packed);
        g.Initializers.Add(OnnxTensor.FromInt64s("shape", [2], [-1, 16]));
        var withAttributes = OnnxNode.Create("pool", "AveragePool", ["x"], ["p"],
            OnnxAttributeProto.FromInts("kernel_shape", 2, 2),
            OnnxAttributeProto.FromInt("ceil_mode", 0),
            OnnxAttributeProto.FromFloat("alpha", 1.5f),
            OnnxAttributeProto.FromText("auto_pad", "NOTSET"),
            OnnxAttributeProto.FromTensor("value", OnnxTensor.FromInt64s("", [1], [7])));
        var floats = new OnnxAttributeProto { Name = "scales", Type = OnnxAttributeType.RealNumbers };
        floats.Floats.AddRange([1f, 2f]);
        withAttributes.Attributes.Add(floats);
        g.Nodes.Add(withAttributes);
        g.Nodes.Add(OnnxNode.Create("reshape", "Reshape", ["p", "shape"], ["r"]));
        g.Nodes.Add(OnnxNode.Create("fc", "Gemm", ["r", "w", "b"], ["y"], OnnxAttributeProto.FromInt("transB", 1)));
        return model;
    }

    [Fact]
    public void Parse_WrittenModel_RoundTripsEveryField()
    {
        OnnxModel original = SampleModel();

        OnnxModel read = OnnxModelFile.Parse(OnnxModelFile.ToBytes(original), "mem");

        Assert.Equal(7, read.IrVersion);
        Assert.Equal("test", read.ProducerName);
        Assert.Equal("1.0", read.ProducerVersion);
        Assert.Equal("doc", read.DocString);
        Assert.Equal(original.OperatorSets, read.OperatorSets);
        Assert.Equal(13, read.DefaultOpsetVersion("mem"));
        Assert.Equal("g", read.Graph.Name);
        Assert.Equal(["N", "1", "4", "4"], read.Graph.Inputs[0].Shape!.Select(d => d.ToString()));
        Assert.Equal(OnnxDataType.FloatingPoint32, read.Graph.Outputs[0].ElementType);
        Assert.Equal(original.Graph.Initializers[0].ToFloatArray("a"), read.Graph.Initializers[0].ToFloatArray("b"));
        Assert.Equal(new[] { 0.5f, -1f, float.MaxValue }, read.Graph.Initializers[1].ToFloatArray("b"));
        Assert.Equal(new long[] { -1, 16 }, read.Graph.Initializers[2].ToInt64Array("s"));
        Assert.Equal(new long[] { 3, 16 }, read.Graph.Initializers[0].Dims);

        OnnxNode pool = read.Graph.Nodes[0];
        Assert.Equal(("pool", "AveragePool"), (pool.Name, pool.OpType));
        Assert.Equal(["x"], pool.Inputs);
        Assert.Equal(["p"], pool.Outputs);
        Assert.Equal(new long[] { 2, 2 }, pool.GetInts("kernel_shape"));
        Assert.Equal(0, pool.GetInt("ceil_mode", 9));
        Assert.Equal(1.5f, pool.GetFloat("alpha", 0));
        Assert.Equal("NOTSET", pool.GetText("auto_pad", ""));
        Assert.Equal(new long[] { 7 }, pool.FindAttribute("value")!.Tensor!.ToInt64Array("v"));
        Assert.Equal(new[] { 1f, 2f }, pool.FindAttribute("scales")!.Floats);
        Assert.Equal(["r", "w", "b"], read.Graph.Nodes[2].Inputs);
        Assert.Equal(1, read.Graph.Nodes[2].GetInt("transB", 0));
    }

    [Fact]
    public void Parse_HandBuiltReluModelWithUnknownFields_ReadsKnownFields()
    {
        // ModelProto: ir_version (1) = 8; opset_import (8) { version (2) = 13 };
        // graph (7) { node (1) { input (1) "x", output (2) "y", op_type (4) "Relu" }, unknown field 15 (bytes FF FF) };
        // unknown field 99 as a varint (tag 99<<3|0 = 792 = varint 98 06) = 1.
        byte[] bytes = Concat(
            Varint(1, 8),
            Message(8, Varint(2, 13)),
            Message(7,
                Message(1, Text(1, "x"), Text(2, "y"), Text(4, "Relu")),
                Bytes(15, 0xFF, 0xFF)),
            [0x98, 0x06, 0x01]);

        OnnxModel m = OnnxModelFile.Parse(bytes, "hand");

        Assert.Equal(8, m.IrVersion);
        Assert.Equal(13, m.DefaultOpsetVersion("hand"));
        OnnxNode relu = Assert.Single(m.Graph.Nodes);
        Assert.Equal("Relu", relu.OpType);
        Assert.Equal(["x"], relu.Inputs);
        Assert.Equal(["y"], relu.Outputs);
    }

    [Fact]
    public void Parse_HandBuiltTensorsInThreeEncodings_DecodeSameValues()
    {
        // 1.0f = 00 00 80 3F and -2.5f = 00 00 20 C0 (IEEE 754, little-endian).
        byte[] one = [0x00, 0x00, 0x80, 0x3F];
        byte[] minusTwoHalf = [0x00, 0x00, 0x20, 0xC0];
        byte[] packed = Concat(Varint(1, 2), Varint(2, 1), Bytes(4, [.. one, .. minusTwoHalf]), Text(8, "packed"));
        byte[] unpacked = Concat(Varint(1, 2), Varint(2, 1), Fixed32(4, 1f), Fixed32(4, -2.5f), Text(8, "unpacked"));
        byte[] raw = Concat(Varint(1, 2), Varint(2, 1), Bytes(9, [.. one, .. minusTwoHalf]), Text(8, "raw"));
        byte[] bytes = Concat(Varint(1, 8), Message(8, Varint(2, 13)), Message(7, Message(5, packed), Message(5, unpacked), Message(5, raw)));

        OnnxModel m = OnnxModelFile.Parse(bytes, "hand");

        Assert.Equal(3, m.Graph.Initializers.Count);
        Assert.All(m.Graph.Initializers, t => Assert.Equal(new[] { 1f, -2.5f }, t.ToFloatArray("t")));
    }

    [Fact]
    public void Parse_HandBuiltInt64TensorPackedAndNegative_Decodes()
    {
        // int64_data (7) packed: -1 is the 10-byte varint FF FF FF FF FF FF FF FF FF 01; 16 is 10.
        byte[] minusOne = EncodeVarint(ulong.MaxValue);
        byte[] tensor = Concat(Varint(1, 2), Varint(2, 7), Bytes(7, [.. minusOne, 0x10]));
        byte[] bytes = Concat(Varint(1, 8), Message(8, Varint(2, 13)), Message(7, Message(5, tensor)));

        Assert.Equal(new long[] { -1, 16 }, OnnxModelFile.Parse(bytes, "hand").Graph.Initializers[0].ToInt64Array("t"));
    }

    [Fact]
    public void Parse_WrongWireTypeForKnownField_ThrowsNamingField()
    {
        // ir_version (field 1) sent as length-delimited: tag 0x0A.
        byte[] bytes = Concat(Bytes(1, 0x00), Message(7));

        var e = Assert.Throws<UserInputException>(() => OnnxModelFile.Parse(bytes, "bad.onnx"));

        Assert.Contains("field 1 has wire type LengthDelimited", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoGraph_Throws()
    {
        var e = Assert.Throws<UserInputException>(() => OnnxModelFile.Parse(Varint(1, 8), "x.onnx"));

        Assert.Contains("no graph", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyFile_Throws()
    {
        Assert.Throws<UserInputException>(() => OnnxModelFile.Parse([], "empty.onnx"));
    }

    [Fact]
    public void Parse_EveryTruncation_ThrowsUserInputException()
    {
        byte[] bytes = OnnxModelFile.ToBytes(SampleModel());

        // Cutting a valid file anywhere inside a nested message must be reported, never crash.
        for (int length = 1; length < bytes.Length; length++)
        {
            byte[] cut = bytes[..length];
            try
            {
                OnnxModelFile.Parse(cut, "cut");
            }
            catch (UserInputException)
            {
                continue;
            }

            // A cut exactly between two top-level fields after the graph can still be a valid model.
            Assert.True(length >= IndexAfterGraph(bytes), $"Truncation at {length} of {bytes.Length} bytes was accepted.");
        }
    }

    [Fact]
    public void Parse_RandomBytes_OnlyUserInputException()
    {
        Gen.Byte.Array[1, 200].Sample(bytes =>
        {
            try
            {
                OnnxModelFile.Parse(bytes, "random");
            }
            catch (UserInputException)
            {
                // the expected failure
            }
        });
    }

    [Fact]
    public void Parse_MutatedValidModel_OnlyUserInputException()
    {
        byte[] valid = OnnxModelFile.ToBytes(SampleModel());
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Sample((position, value) =>
        {
            byte[] mutated = (byte[])valid.Clone();
            mutated[position] = value;
            try
            {
                OnnxModel m = OnnxModelFile.Parse(mutated, "mutated");
                foreach (OnnxTensor t in m.Graph.Initializers)
                {
                    if (t.DataType == OnnxDataType.FloatingPoint32)
                    {
                        t.ToFloatArray("t");
                    }
                }
            }
            catch (UserInputException)
            {
                // the expected failure
            }
        });
    }

    [Fact]
    public void ToFloatArray_RawDataOfWrongSize_Throws()
    {
        var t = new OnnxTensor { Name = "w", DataType = OnnxDataType.FloatingPoint32, RawData = new byte[7] };
        t.Dims.Add(2);

        var e = Assert.Throws<UserInputException>(() => t.ToFloatArray("model"));

        Assert.Contains("needs 8 bytes of raw_data, found 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToFloatArray_OverflowingDims_Throws()
    {
        var t = new OnnxTensor { Name = "w", DataType = OnnxDataType.FloatingPoint32 };
        t.Dims.AddRange([1L << 40, 1L << 40]);

        var e = Assert.Throws<UserInputException>(() => t.ToFloatArray("model"));

        Assert.Contains("overflows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToFloatArray_ExternalData_ThrowsWithFix()
    {
        var t = new OnnxTensor { Name = "w", DataType = OnnxDataType.FloatingPoint32, IsExternal = true };

        var e = Assert.Throws<UserInputException>(() => t.ToFloatArray("model"));

        Assert.Contains("external file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToFloatArray_DoubleAndHalf_Converted()
    {
        var d = new OnnxTensor { DataType = OnnxDataType.FloatingPoint64 };
        d.Dims.Add(2);
        d.DoubleData.AddRange([0.25, -8]);
        // Half 0x3C00 = 1.0 and 0xC000 = -2.0 (sign, 5-bit exponent bias 15, 10-bit mantissa).
        var h = new OnnxTensor { DataType = OnnxDataType.FloatingPoint16, RawData = [0x00, 0x3C, 0x00, 0xC0] };
        h.Dims.Add(2);

        Assert.Equal(new[] { 0.25f, -8f }, d.ToFloatArray("d"));
        Assert.Equal(new[] { 1f, -2f }, h.ToFloatArray("h"));
    }

    [Fact]
    public void Write_ThenRead_File_RoundTrips()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nc-onnx-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxModelFile.Write(path, SampleModel());

            OnnxModel m = OnnxModelFile.Read(path);

            Assert.Equal(3, m.Graph.Nodes.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_MissingFile_Throws()
    {
        var e = Assert.Throws<UserInputException>(() => OnnxModelFile.Read("/nonexistent/model.onnx"));

        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Offset just past the graph field (tag 0x3A), found by walking the top-level fields.</summary>
    private static int IndexAfterGraph(byte[] bytes)
    {
        var input = new Google.Protobuf.CodedInputStream(bytes);
        while (input.ReadTag() is var tag and not 0)
        {
            input.SkipLastField();
            if (tag == 0x3A)
            {
                return (int)input.Position;
            }
        }

        return bytes.Length;
    }
}
