namespace NeuroChip.EventSim.Tests.Serialization;

public sealed class ChipImageRoundTripTests
{
    [Fact]
    public void Json_RandomImages_RoundTripExactly()
    {
        Gen.Int[0, 1_000_000].Sample(seed =>
        {
            ChipImage image = RandomImages.Create(seed, cores: 3, neuronsPerCore: 12);
            string json = ChipImageJson.Serialize(image);
            ChipImage back = ChipImageJson.Deserialize(json, "test");
            FieldComparer.AssertEqual(image, back);
        }, iter: 40);
    }

    [Fact]
    public void Json_SynapseRowWithMisspelledEncoding_RaisesUserErrorNamingPathAndKinds()
    {
        // Found by fuzzing (chipimage-json): "encodijg" instead of "encoding" escaped as System.Text.Json's NotSupportedException.
        string json = ChipImageJson.Serialize(RandomImages.Create(5, cores: 1, neuronsPerCore: 4, inputs: 2));
        int at = json.IndexOf("\"encoding\"", StringComparison.Ordinal);
        Assert.True(at > 0);
        string misspelled = json[..at] + "\"encodijg\"" + json[(at + "\"encoding\"".Length)..];

        var e = Assert.Throws<UserInputException>(() => ChipImageJson.Deserialize(misspelled, "typo.json"));

        Assert.StartsWith("Chip image 'typo.json': invalid JSON at $.cores[0].axons[0] (line ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("the object does not say which kind of SynapseRow it is; add \"encoding\": one of \"sparse\", \"dense\" (its \"encoding\" member is missing or misspelled).", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_PayloadCutAtEveryByte_RaisesUserErrorSayingItIsMalformed()
    {
        // Found by fuzzing (chipimage-binary): a payload ending inside a string's length prefix made the reader
        // index past the span (IndexOutOfRangeException). Every prefix of a valid payload, re-wrapped with a
        // correct length and checksum, must be refused as malformed.
        byte[] file = ChipImageBinary.ToBytes(RandomImages.Create(7, cores: 2, neuronsPerCore: 4, inputs: 2));
        byte[] payload = file[20..^32]; // magic (8), version (4), length (8) ... SHA-256 (32)
        for (int cut = 0; cut < payload.Length; cut++)
        {
            var e = Assert.Throws<UserInputException>(() => ChipImageBinary.Read(Envelope(file, payload.AsSpan(0, cut)), "cut.ncimg"));
            Assert.Contains("malformed", e.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>The header of <paramref name="file"/> with a new payload, its length and its SHA-256.</summary>
    private static byte[] Envelope(byte[] file, ReadOnlySpan<byte> payload)
    {
        byte[] result = [.. file.AsSpan(0, 12), .. BitConverter.GetBytes((long)payload.Length), .. payload, .. System.Security.Cryptography.SHA256.HashData(payload)];
        return result;
    }

    [Fact]
    public void Binary_RandomImages_RoundTripExactly()
    {
        Gen.Int[0, 1_000_000].Sample(seed =>
        {
            ChipImage image = RandomImages.Create(seed, cores: 3, neuronsPerCore: 12);
            byte[] bytes = ChipImageBinary.ToBytes(image);
            ChipImage back = ChipImageBinary.Read(bytes, "test");
            FieldComparer.AssertEqual(image, back);
        }, iter: 40);
    }

    [Fact]
    public void FieldComparer_OneWeightChanged_NamesThatWeight()
    {
        // The comparer the round trips rely on must see a single changed field deep in the graph and name it.
        ChipImage image = RandomImages.Create(3, cores: 2, neuronsPerCore: 6);
        ChipImage copy = ChipImageJson.Deserialize(ChipImageJson.Serialize(image), "copy");
        int core = Array.FindIndex(copy.Cores.ToArray(), c => c.Axons.Any(r => r.Count > 0));
        int axon = Array.FindIndex(copy.Cores[core].Axons.ToArray(), r => r.Count > 0);
        copy.Cores[core].Axons[axon].Weights[0] ^= 1;
        string? difference = FieldComparer.FirstDifference(image, copy);
        Assert.NotNull(difference);
        Assert.StartsWith($"$.Cores[{core}].Axons[{axon}].Weights[0]: ", difference);
    }

    [Fact]
    public void FieldComparer_NestedTimingChanged_NamesTheField()
    {
        ChipImage image = RandomImages.Create(3, cores: 2, neuronsPerCore: 6);
        ChipImage renamed = image with { Chip = image.Chip with { Timing = image.Chip.Timing with { BarrierNs = image.Chip.Timing.BarrierNs + 1 } } };
        Assert.StartsWith("$.Chip.Timing.BarrierNs: ", FieldComparer.FirstDifference(image, renamed));
        Assert.Null(FieldComparer.FirstDifference(image, image with { }));
    }

    [Fact]
    public void Files_WrittenAndReadBack_SimulateBitIdentically()
    {
        ChipImage image = RandomImages.Create(5);
        string dir = Directory.CreateTempSubdirectory("nc-img").FullName;
        try
        {
            string json = Path.Combine(dir, "a.json");
            string bin = Path.Combine(dir, "a.ncimg");
            ChipImageFile.Write(json, image);
            ChipImageFile.Write(bin, image);
            var rasters = new[] { image, ChipImageFile.Read(json), ChipImageFile.Read(bin) }.Select(img =>
            {
                using var sim = new Simulator(img, new SimulatorOptions { RecordSpikes = true });
                return sim.Run(200, RandomImages.Input(5, 200)).Spikes;
            }).ToList();
            Assert.NotEmpty(rasters[0]);
            Assert.Equal(rasters[0], rasters[1]);
            Assert.Equal(rasters[0], rasters[2]);
            Assert.Equal(["a.json", "a.ncimg"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Binary_FlippedByte_FailsTheChecksum()
    {
        byte[] bytes = ChipImageBinary.ToBytes(RandomImages.Create(1));
        bytes[bytes.Length / 2] ^= 0x40;
        var e = Assert.Throws<UserInputException>(() => ChipImageBinary.Read(bytes, "x.ncimg"));
        Assert.Contains("checksum mismatch", e.Message);
    }

    [Fact]
    public void Binary_Truncated_SaysSo()
    {
        byte[] bytes = ChipImageBinary.ToBytes(RandomImages.Create(1));
        var e = Assert.Throws<UserInputException>(() => ChipImageBinary.Read(bytes.AsSpan(0, bytes.Length - 100), "x.ncimg"));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Binary_AnyPrefixOrGarbage_FailsWithAUserError()
    {
        // Every malformed input is a UserInputException, never a crash.
        byte[] valid = ChipImageBinary.ToBytes(RandomImages.Create(2, cores: 2, neuronsPerCore: 6));
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Sample((cut, junk) =>
        {
            byte[] broken = valid.AsSpan(0, cut).ToArray().Append(junk).ToArray();
            Assert.Throws<UserInputException>(() => ChipImageBinary.Read(broken, "x"));
        }, iter: 200);
    }

    [Fact]
    public void Json_WrongSchemaVersion_NamesBothVersions()
    {
        string json = ChipImageJson.Serialize(RandomImages.Create(1)).Replace("\"schemaVersion\": 2", "\"schemaVersion\": 9", StringComparison.Ordinal);
        var e = Assert.Throws<UserInputException>(() => ChipImageJson.Deserialize(json, "old.json"));
        Assert.Contains("schemaVersion 9", e.Message);
        Assert.Contains("versions 1–2", e.Message);
    }

    [Fact]
    public void Json_Version1_ReadsWithBinarySpikesAndUpgrades()
    {
        // Version 1 had no spikePayload: every profile reads as binary (payload 1) and the image as the current version.
        ChipImage image = RandomImages.Create(2);
        string json = ChipImageJson.Serialize(image).Replace("\"schemaVersion\": 2", "\"schemaVersion\": 1", StringComparison.Ordinal);
        json = System.Text.RegularExpressions.Regex.Replace(json, ",\\s*\"spikePayload\": \\d+", "");
        Assert.DoesNotContain("spikePayload", json);
        ChipImage read = ChipImageJson.Deserialize(json, "v1.json");
        Assert.Equal(ChipImage.CurrentSchemaVersion, read.SchemaVersion);
        Assert.All(read.Cores.SelectMany(c => c.Profiles), p => Assert.Equal(1, p.SpikePayload));
        Assert.Empty(ChipImageValidator.Validate(read));
    }

    [Fact]
    public void Json_RowWithoutEncoding_IsAUserErrorNamingTheDiscriminator()
    {
        // Regression (found by MutatedInputPropertyTests): a synapse row without its "encoding" made System.Text.Json
        // throw NotSupportedException, which escaped the loader as a crash instead of a user error.
        string json = ChipImageJson.Serialize(RandomImages.Create(1));
        string broken = System.Text.RegularExpressions.Regex.Replace(json, "\"encoding\": \"(sparse|dense)\",", "", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(5));
        Assert.NotEqual(json, broken);
        var e = Assert.Throws<UserInputException>(() => ChipImageJson.Deserialize(broken, "rows.json"));
        Assert.Contains("rows.json", e.Message);
        Assert.Contains("does not say which kind", e.Message);
    }

    [Fact]
    public void Json_NullSynapseRow_IsAUserErrorWithThePath()
    {
        // Regression (found by MutatedInputPropertyTests): null inside a list passed the serializer and crashed the
        // validator with NullReferenceException.
        ChipImage image = RandomImages.Create(1, cores: 2, neuronsPerCore: 6);
        var node = System.Text.Json.Nodes.JsonNode.Parse(ChipImageJson.Serialize(image))!;
        node["cores"]![1]!["axons"]![0] = null;
        var e = Assert.Throws<UserInputException>(() => ChipImageJson.Deserialize(node.ToJsonString(), "nulls.json"));
        Assert.Equal("Chip image 'nulls.json': $.cores[1].axons[0] is null; expected an object.", e.Message);
    }

    [Fact]
    public void Json_TypeError_GivesTheJsonPath()
    {
        string json = ChipImageJson.Serialize(RandomImages.Create(1));
        int at = json.IndexOf("\"coreId\": ", StringComparison.Ordinal);
        string broken = json[..at] + "\"coreId\": \"three\"" + json[json.IndexOf(',', at)..];
        var e = Assert.Throws<UserInputException>(() => ChipImageJson.Deserialize(broken, "bad.json"));
        Assert.Contains("$.cores[0].coreId", e.Message);
    }

    [Fact]
    public void Write_IntoMissingDirectory_LeavesNothingAndSaysWhy()
    {
        string path = Path.Combine(Path.GetTempPath(), "nc-missing-" + Guid.NewGuid().ToString("N"), "a.json");
        var e = Assert.Throws<UserInputException>(() => ChipImageFile.Write(path, RandomImages.Create(1)));
        Assert.Contains("does not exist", e.Message);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("""{ "spikes": [ { "tick": -1, "port": "in", "channel": 0 } ] }""", "$.spikes[0] has tick -1 and channel 0; both must be ≥ 0.")]
    [InlineData("""{ "currents": [ { "tick": 0, "port": "in", "channel": -3, "value": 1 } ] }""", "$.currents[0] has tick 0 and channel -3; both must be ≥ 0.")]
    [InlineData("""{ "spikes": [ { "tick": 0, "port": "in", "channel": 0 } ], "extra": 1 }""", "invalid JSON")]
    public void InputSchedule_ParseBadText_RaisesUserErrorNamingSourceAndPlace(string json, string expected)
    {
        var e = Assert.Throws<UserInputException>(() => InputSchedule.Parse(json, "bad-input.json"));
        Assert.StartsWith("Input file 'bad-input.json': ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InputSchedule_SavedAndLoaded_IsEqual()
    {
        var input = RandomImages.Input(3, 50);
        input.SetCurrent(4, "x", 2, -17);
        string path = Path.Combine(Path.GetTempPath(), $"nc-input-{Guid.NewGuid():N}.json");
        try
        {
            input.Save(path);
            var back = InputSchedule.Load(path);
            Assert.Equal(input.Spikes, back.Spikes);
            Assert.Equal(input.Currents, back.Currents);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
