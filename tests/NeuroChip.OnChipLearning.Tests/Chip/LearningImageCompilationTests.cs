using NeuroChip.EventSim;
using NeuroChip.Mapping.Partitioning;
using NeuroChip.Mapping.Routing;
namespace NeuroChip.OnChipLearning.Tests.Chip;

/// <summary>Every learning image comes from Mapping's compiler: it passes the route check and the compiler's per-core limits.</summary>
public sealed class LearningImageCompilationTests
{
    private static readonly ChipSpec Learn = ChipSpecLoader.LoadPreset("nc-learn");

    private static ChipSpec Small => Learn with
    {
        Name = "small",
        Mesh = new MeshSpec { TilesX = 1, TilesY = 1, CoresPerTile = 4 },
        Core = Learn.Core with { SynapseMemoryBits = 16_384 },
    };

    [Fact]
    public void LearningLayout_ThreeLayers_PassesTheRouteCheckWithEverySynapseDelivered()
    {
        // 5-4-3-2: sources are 5 input channels + 4 + 3 hidden + 2 readout = 14 endpoints; synapses
        // 5·4 + 4·3 + 3·2 = 38, all non-zero (0.25 = 4,096 mantissa units at LSB 2^−14), all delivered.
        var net = new SnnSpec { Inputs = 5, Hidden = [4, 3], Outputs = 2 };
        LearningLayout layout = LearningLayout.Build(net, Learn, new ChipLearningOptions(), false, [Fill(5 * 4), Fill(4 * 3), Fill(3 * 2)]);
        RouteCheckReport check = layout.Compilation.Result.RouteCheck!;

        Assert.True(check.Passed, string.Join("\n", check.Errors));
        Assert.Equal(14, check.SourcesChecked);
        Assert.Equal(38, check.SynapsesDelivered);
        Assert.Equal(0, check.PaddingEntries);
        AssertWithinLimits(layout.Compilation.Result.Partition, Learn);
    }

    [Fact]
    public void FeedbackLayout_SpideNetwork_PassesTheRouteCheckWithEverySynapseDelivered()
    {
        // 3-4(feedback)-2: endpoints 3 inputs + 4 hidden + 2 readout = 9; synapses F 3·4 + W 4·4 + R 4·2 = 36.
        var net = new FeedbackSnnSpec { Inputs = 3, Hidden = 4, Outputs = 2 };
        FeedbackLayout layout = FeedbackLayout.Build(net, Learn, new ChipLearningOptions(), Fill(12), Fill(16), Fill(8));
        RouteCheckReport check = layout.Compilation.Result.RouteCheck!;

        Assert.True(check.Passed, string.Join("\n", check.Errors));
        Assert.Equal(9, check.SourcesChecked);
        Assert.Equal(36, check.SynapsesDelivered);
        // The recurrent rows sit after the input rows on every hidden core: axon of hidden j = 3 + j.
        Assert.Equal(3 + 2, layout.FeedbackAxon(2));
        CoreConfig hidden = layout.Image.Cores.Single(c => c.CoreId == layout.Feedback.Slices[0].CoreId);
        Assert.Equal(3 + 4, hidden.Axons.Count);
        AssertWithinLimits(layout.Compilation.Result.Partition, Learn);
    }

    [Fact]
    public void LearningLayout_WithHlop_LateralRowsAreLocalAndCountedAgainstTheCore()
    {
        // 24-16-3 with 10 lateral rows per layer, batch 1, no momentum: the lateral rows get axons but no route; the
        // lateral core of layer 1 holds 24 rows of 32 header bits + 10·16 weight bits, plus the 24·9-bit sample buffer:
        // 24·(32 + 160) + 216 = 4,824 bits of the 16,384.
        var net = new SnnSpec { Inputs = 24, Hidden = [16], Outputs = 3 };
        var hlop = new HlopSpec { FirstTaskRows = [10, 10], BatchSize = 1, Momentum = 0 };
        LearningLayout layout = LearningLayout.Build(net, Small, new ChipLearningOptions { Hlop = hlop }, false, [Fill(24 * 16), Fill(16 * 3)]);
        PartitionPlan plan = layout.Compilation.Result.Partition;
        RouteCheckReport check = layout.Compilation.Result.RouteCheck!;

        Assert.True(check.Passed, string.Join("\n", check.Errors));
        Assert.Equal(24 * 16 + 16 * 3, check.SynapsesDelivered);
        int lateral = plan.Slices.First(s => s.Population == 2).Index;
        Assert.Equal(4_824, plan.Usage[lateral].SynapseBits);
        CoreConfig lateralCore = layout.Image.Cores.Single(c => c.CoreId == layout.Lateral[0].Slices[0].CoreId);
        Assert.Equal(0, lateralCore.Routes.EntryCount);
        Assert.DoesNotContain(layout.Image.SpikeInputs[0].Channels.DestinationCores, core => core == lateralCore.CoreId);
        AssertWithinLimits(plan, Small);
    }

    [Fact]
    public void LearningLayout_NeuronWiderThanACore_FailsWithTheCompilersLimitMessage()
    {
        // One layer-1 neuron with 400 plastic 16-bit inputs needs 400 rows of 32 header + 16 weight bits = 19,200 bits,
        // over the 16,384 of a small core: the partitioner refuses even one neuron per core.
        var net = new SnnSpec { Inputs = 400, Hidden = [4], Outputs = 2 };
        var e = Assert.Throws<UserInputException>(() => LearningLayout.Build(net, Small, new ChipLearningOptions(), false, [Fill(400 * 4), Fill(4 * 2)]));
        Assert.Contains("Population 'layer 1' does not fit chip 'small' even one neuron per core: synapse memory bits = 19,200 exceed the core limit 16,384 (neurons 0..0)", e.Message);
    }

    private static void AssertWithinLimits(PartitionPlan plan, ChipSpec chip)
    {
        Assert.All(plan.Usage, u =>
        {
            Assert.InRange(u.SynapseBits, 0, chip.Core.SynapseMemoryBits);
            Assert.InRange(u.FanInAxons, 0, chip.Core.MaxFanInAxons);
            Assert.InRange(u.FanOutRoutes, 0, chip.Core.MaxFanOutRoutes);
            Assert.InRange(u.Neurons, 1, chip.Core.MaxNeurons);
        });
    }

    private static float[] Fill(int count) => Enumerable.Repeat(0.25f, count).ToArray();
}
