namespace NeuroChip.Mapping.Tests.Conversion;

public sealed class ConvertedSnnFloatTwinTests
{
    [Fact]
    public void Run_TwoLayerChain_LatencyAndBiasCompensationByHand()
    {
        // in (current 0.6) → enc IF θ=1 → Affine w=1, b=0.25 → IF θ=1, v0 = −1·0.25 (one hop of bias taken back) → out.
        // Encoder v: 0.6, 1.2→spike(0.2), 0.8, 1.4→spike(0.4), 1.0 (no spike: v > θ is strict)… spikes at ticks 1 and 3 in T=4.
        // Hidden (depth 1) runs ticks 0..4: v0 = −0.25; tick 0: 0; tick 1: 0.25; tick 2: 0.5 + 1 (enc spike of tick 1) = 1.5
        // → spike (0.5); tick 3: 0.75; tick 4: 1.0 + 1 (enc spike of tick 3) = 2.0 → spike (1.0). Two spikes, v = 1.0,
        // the charge −0.25 + 5·0.25 + 2 of the synchronous layer's 4 ticks (4·0.25 + 2) less the 2 spikes.
        var graph = new NetworkGraph
        {
            Nodes =
            [
                new InputNode { Name = "in", Shape = [1], Encoding = InputEncoding.Current },
                new IfNode { Name = "enc", VThreshold = FloatTensor.Scalar(1f), Reset = GraphResetMode.Subtract },
                new AffineNode { Name = "fc", Weight = FloatTensor.Of([1f], 1, 1), Bias = FloatTensor.Of([0.25f], 1) },
                new IfNode { Name = "h", VThreshold = FloatTensor.Scalar(1f), Reset = GraphResetMode.Subtract, VInitial = FloatTensor.Scalar(-0.25f) },
                new OutputNode { Name = "out" },
            ],
            Edges = [GraphEdge.Of("in", "enc"), GraphEdge.Of("enc", "fc"), GraphEdge.Of("fc", "h"), GraphEdge.Of("h", "out")],
        };
        ConvertedSnnFloatTwin snn = ConvertedSnnFloatTwin.Create(graph);
        Assert.Equal(1, snn.Depth);
        ConvertedSnnFloatTwinState state = snn.CreateState();
        snn.Run([0.6f], 4, state);
        Assert.Equal(5, state.Ticks);
        Assert.Equal(2, state.Counts(snn.PopulationIndex("enc"))[0]);
        Assert.Equal(2, state.Counts(snn.PopulationIndex("h"))[0]);
        Assert.Equal(1.0f, state.Voltage(snn.PopulationIndex("h"))[0], 5);
    }

    [Fact]
    public void Create_SpikeEncodedInput_RefusedWithAdvice()
    {
        var graph = new NetworkGraph
        {
            Nodes =
            [
                new InputNode { Name = "in", Shape = [1] },
                new IfNode { Name = "n", VThreshold = FloatTensor.Scalar(1f) },
                new OutputNode { Name = "out" },
            ],
            Edges = [GraphEdge.Of("in", "n"), GraphEdge.Of("n", "out")],
        };
        var e = Assert.Throws<UserInputException>(() => ConvertedSnnFloatTwin.Create(graph));
        Assert.Contains("current", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_EqualCounts_LargerVoltageWins()
    {
        // Three readout neurons with held currents 0.45, 0.55, 0.2 and θ = 1 over T = 4: counts 1, 2, 0
        // (0.45·4 = 1.8, 0.55·4 = 2.2) → class 1; with 0.55 and 0.6 both give 2 spikes, v 0.2 vs 0.4 → class 2.
        var graph = new NetworkGraph
        {
            Nodes =
            [
                new InputNode { Name = "in", Shape = [3], Encoding = InputEncoding.Current },
                new IfNode { Name = "n", VThreshold = FloatTensor.Scalar(1f), Reset = GraphResetMode.Subtract },
                new OutputNode { Name = "out" },
            ],
            Edges = [GraphEdge.Of("in", "n"), GraphEdge.Of("n", "out")],
        };
        ConvertedSnnFloatTwin snn = ConvertedSnnFloatTwin.Create(graph);
        ConvertedSnnFloatTwinState state = snn.CreateState();
        snn.Run([0.45f, 0.55f, 0.2f], 4, state);
        Assert.Equal(1, ConvertedSnnFloatTwin.Predict(state));
        snn.Run([0.45f, 0.55f, 0.6f], 4, state);
        Assert.Equal(2, ConvertedSnnFloatTwin.Predict(state));
    }
}
