namespace NeuroChip.EventSim.Tests.Model;

public sealed class ChipImageValidatorTests
{
    // nc-tiny limits: 64 neurons, 16,384 synapse bits, 256 fan-in axons, 256 fan-out routes, 8 profiles; 8 cores.
    private static CoreConfig Core(int neurons = 4) => TestImages.Core(0, NeuronProfile.IntegrateAndFire(10), neurons);

    private static string Single(ChipImage image) => Assert.Single(ChipImageValidator.Validate(image));

    [Fact]
    public void Validate_ValidImage_HasNoErrors() => Assert.Empty(ChipImageValidator.Validate(RandomImages.Create(3)));

    [Fact]
    public void Validate_TooManyNeurons_NamesCoreLimitAndValue() =>
        Assert.Equal("core 0: neurons = 65 exceeds the limit 64.", Single(TestImages.Single(Core(65))));

    [Theory]
    [InlineData(0)]
    [InlineData(65_536)]
    public void Validate_SpikePayloadOutOfRange_NamesProfileAndRange(int payload)
    {
        var core = Core() with { Profiles = [NeuronProfile.IntegrateAndFire(10) with { SpikePayload = payload }] };
        Assert.Equal($"core 0 profile 0: spikePayload = {payload} is outside the allowed range 1..65535.", Single(TestImages.Single(core)));
    }

    [Fact]
    public void Validate_RouteOffsetPastTheEntries_ReportedNotThrown()
    {
        // Regression (found by MutatedInputPropertyTests): offsets that start at 0 and end at the entry count but jump past
        // it in between made the validator index past the entries (IndexOutOfRangeException) instead of reporting it.
        var core = Core() with { Routes = new RouteTable { Offsets = [0, 0, 65_536, 0, 0], DestinationCores = [], DestinationAxons = [] } };
        // Source 1's entries end at offset 2 = 65,536, past the 0 entries there are.
        Assert.Equal("core 0: route offset 65536 of source 2 is outside 0..0 (offsets must rise and end at the entry count).", Single(TestImages.Single(core)));
    }

    [Fact]
    public void Validate_TooManyProfiles_NamesCoreLimitAndValue()
    {
        var core = Core() with { Profiles = Enumerable.Repeat(NeuronProfile.IntegrateAndFire(1), 9).ToArray() };
        Assert.Equal("core 0: neuron profiles = 9 exceeds the limit 8.", Single(TestImages.Single(core)));
    }

    [Fact]
    public void Validate_TooManyFanInAxons_NamesCoreLimitAndValue()
    {
        var core = Core() with { Axons = Enumerable.Range(0, 257).Select(_ => (SynapseRow)new SparseRow { Targets = [], Weights = [] }).ToArray() };
        // 257 empty rows also take 257 × 32 header bits = 8,224 bits: within 16,384.
        Assert.Equal("core 0: fan-in axons = 257 exceeds the limit 256.", Single(TestImages.Single(core)));
    }

    [Fact]
    public void Validate_TooManyFanOutRoutes_NamesCoreLimitAndValue()
    {
        var core = Core(1) with
        {
            Axons = [new SparseRow { Targets = [0], Weights = [1] }],
            Routes = RouteTable.FromLists([Enumerable.Repeat((0, 0), 257).ToList()]),
        };
        Assert.Equal("core 0: fan-out routes = 257 exceeds the limit 256.", Single(TestImages.Single(core)));
    }

    [Fact]
    public void Validate_SynapseMemoryOverflow_NamesCoreLimitAndValue()
    {
        // Index bits for 64 neurons = 6. A sparse synapse without delays takes 8 + 6 = 14 bits.
        // One row of 1,200 synapses: 32 + 1,200 × 14 = 16,832 bits > 16,384.
        var core = Core(4) with { Axons = [new SparseRow { Targets = new int[1200], Weights = new short[1200] }] };
        Assert.Equal("core 0: synapse memory bits = 16,832 exceeds the limit 16,384.", Single(TestImages.Single(core)));
    }

    [Fact]
    public void Validate_WeightOutsideItsBits_SaysTheRange()
    {
        var core = Core() with { Axons = [new SparseRow { Targets = [0], Weights = [2], WeightBits = 2 }] };
        Assert.Equal("core 0 axon 0: weight 0 = 2 is outside the 2-bit signed range -2..1.", Single(TestImages.Single(core)));
    }

    [Fact]
    public void Validate_DelayTooLong_SaysTheRange()
    {
        var core = Core() with { Axons = [new SparseRow { Targets = [0], Weights = [1], Delays = [63] }] };
        Assert.Equal("core 0 axon 0: delay 0 = 63 is outside 0..62.", Single(TestImages.Single(core)));
    }

    [Fact]
    public void Validate_TargetOutsideTheCore_SaysWhichNeuronsExist()
    {
        var core = Core(4) with { Axons = [new SparseRow { Targets = [4], Weights = [1] }] };
        Assert.Equal("core 0 axon 0: target 0 = 4 is not a neuron of this core (0..3).", Single(TestImages.Single(core)));
    }

    [Fact]
    public void Validate_RouteToUnconfiguredCore_SaysWhichCore()
    {
        var core = Core(1) with { Routes = RouteTable.FromLists([[(5, 0)]]) };
        Assert.Equal("core 0: source 0 routes to core 5, which the image does not configure.", Single(TestImages.Single(core)));
    }

    [Fact]
    public void Validate_RouteOffsetPastTheEntries_ReportsItInsteadOfReadingPastTheArrays()
    {
        // Found by fuzzing (chipimage-binary): offsets [0, 5, 1] rise at source 0 but point past the single entry,
        // and the validator used to index DestinationCores[1..4] (IndexOutOfRangeException).
        var routes = new RouteTable { Offsets = [0, 5, 1], DestinationCores = [0], DestinationAxons = [0] };
        ChipImage image = TestImages.Single(Core(2) with { Routes = routes });

        Assert.Contains("core 0: route offset 5 of source 1 is outside 0..1 (offsets must rise and end at the entry count).", ChipImageValidator.Validate(image));
        var e = Assert.Throws<UserInputException>(() => ChipImageValidator.ThrowIfInvalid(image, "fuzzed.ncimg"));
        Assert.Contains("Chip image 'fuzzed.ncimg'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CoreOutsideTheMesh_SaysTheRange()
    {
        var core = TestImages.Core(8, NeuronProfile.IntegrateAndFire(10), 1);
        Assert.Contains("core 8: core id out of range: the chip 'nc-tiny' has cores 0..7.", ChipImageValidator.Validate(TestImages.Single(core)));
    }

    [Fact]
    public void Validate_ProfileFieldOutOfRange_NamesTheField()
    {
        var core = Core() with { Profiles = [new NeuronProfile { ThresholdMantissa = 131_072 }] };
        Assert.Equal("core 0 profile 0: thresholdMantissa = 131072 is outside the allowed range 0..131071.", Single(TestImages.Single(core)));
    }

    [Fact]
    public void Validate_BiasMantissaOutOfRange_NamesTheNeuron()
    {
        var core = TestImages.Core(0, NeuronProfile.IntegrateAndFire(10), 2, biasMantissa: 4096);
        Assert.Contains("core 0 neuron 0: biasMantissa = 4096 is outside the allowed range -4096..4095.", ChipImageValidator.Validate(TestImages.Single(core)));
    }
}
