namespace NeuroChip.Mapping.Tests.Conversion;

public sealed class IfRateTests
{
    [Fact]
    public void Analytic_HandValues_FloorAndRound()
    {
        // θ = 1, T = 10, z = 0.37: T·z/θ = 3.7 → floor 3 (rate 0.3), with the shift 4.2 → 4 (rate 0.4).
        Assert.Equal(0.3, IfRate.Analytic(0.37, 1, 10, shifted: false), 12);
        Assert.Equal(0.4, IfRate.Analytic(0.37, 1, 10, shifted: true), 12);
        // z above θ clips at T spikes: rate θ = 2; negative z gives 0.
        Assert.Equal(2.0, IfRate.Analytic(5, 2, 8, shifted: false), 12);
        Assert.Equal(0.0, IfRate.Analytic(-1, 2, 8, shifted: true), 12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FloatSnn_ConstantCurrent_MatchesAnalyticRate(bool shifted)
    {
        // One IF population with θ = 2 fed by a held current z: spike count over T ticks is
        // floor(clip(T·z/θ (+ ½), 0, T)) as long as T·z/θ (+ ½) is not an exact integer (the neuron fires on v > θ).
        Gen.Select(Gen.Double[-0.5, 3.0], Gen.Int[1, 64]).Sample((z, t) =>
        {
            double level = (t * z / 2) + (shifted ? 0.5 : 0);
            if (Math.Abs(level - Math.Round(level)) < 1e-3)
            {
                return;
            }

            var graph = new NetworkGraph
            {
                Nodes =
                [
                    new InputNode { Name = "in", Shape = [1], Encoding = InputEncoding.Current },
                    new IfNode { Name = "n", VThreshold = FloatTensor.Scalar(2f), Reset = GraphResetMode.Subtract, VInitial = FloatTensor.Scalar(shifted ? 1f : 0f) },
                    new OutputNode { Name = "out" },
                ],
                Edges = [GraphEdge.Of("in", "n"), GraphEdge.Of("n", "out")],
            };
            ConvertedSnnFloatTwin snn = ConvertedSnnFloatTwin.Create(graph);
            ConvertedSnnFloatTwinState state = snn.CreateState();
            snn.Run([(float)z], t, state);
            double rate = state.Counts(0)[0] * 2.0 / t;
            Assert.Equal(IfRate.Analytic(z, 2, t, shifted), rate, 9);
        }, iter: 300);
    }

    [Theory]
    [InlineData(ConversionMethod.None, false)]
    [InlineData(ConversionMethod.Shift, true)]
    public void Convert_EncoderUnderConstantInput_FollowsFloorOrRound(ConversionMethod method, bool shifted)
    {
        // The converted network's encoder is an IF neuron with θ = 1 fed the input value as a constant current: its rate
        // is the analytic IF rate, floored without the shift and rounded with it.
        NetworkGraph ann = ConversionNets.Mlp(3, 16, 8, 4);
        float[] calibration = ConversionNets.Inputs(4, 32, 16);
        ConversionResult result = AnnToSnnConverter.Convert(ann, calibration, 32, new ConversionOptions { Method = method, Timesteps = 8 });
        ConvertedSnnFloatTwin snn = ConvertedSnnFloatTwin.Create(result.Snn);
        int encoder = snn.PopulationIndex("x_if");
        ConvertedSnnFloatTwinState state = snn.CreateState();
        float[] input = [.. Enumerable.Range(0, 16).Select(i => (0.03f + i) / 16f)];
        snn.Run(input, 8, state);
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(IfRate.Analytic(input[i], 1, 8, shifted), state.Counts(encoder)[i] / 8.0, 9);
        }
    }

    [Fact]
    public void Convert_ShiftAsBiasOrPotential_SameHiddenChargeOverT()
    {
        // θ/2 at the start and θ/(2T) on each of T ticks add the same charge; the hidden layer's rates may differ only
        // by spike timing, so their mean agrees closely.
        NetworkGraph ann = ConversionNets.Mlp(5, 16, 24, 4);
        float[] data = ConversionNets.Inputs(6, 64, 16);
        double MeanRate(ShiftPlacement placement)
        {
            ConversionResult r = AnnToSnnConverter.Convert(ann, data, 64, new ConversionOptions { Method = ConversionMethod.Shift, Timesteps = 16, ShiftPlacement = placement });
            ConvertedSnnFloatTwin snn = ConvertedSnnFloatTwin.Create(r.Snn);
            ConvertedSnnFloatTwinState state = snn.CreateState();
            int hidden = snn.PopulationIndex("relu1");
            double sum = 0;
            for (int s = 0; s < 64; s++)
            {
                snn.Run(data.AsSpan(s * 16, 16), 16, state);
                foreach (int c in state.Counts(hidden))
                {
                    sum += c;
                }
            }

            return sum / (64 * 24 * 16.0);
        }

        Assert.Equal(MeanRate(ShiftPlacement.InitialPotential), MeanRate(ShiftPlacement.Bias), 2);
    }
}
