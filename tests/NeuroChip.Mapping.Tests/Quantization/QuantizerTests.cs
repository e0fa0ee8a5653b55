namespace NeuroChip.Mapping.Tests.Quantization;

public sealed class QuantizerTests
{
    [Fact]
    public void ChooseExponent_LargeWeight_PicksExactExponent()
    {
        // 300 with 8-bit mantissas (≤ 127): e = 2 gives 75 · 4 = 300 exactly; e = 1 clips to 127 · 2 = 254.
        Assert.Equal(2, WeightQuantizer.ChooseExponent([new ArraySegment<float>([300f])], 1.0, 8));
    }

    [Fact]
    public void ChooseExponent_OneOutlier_ClipsItForResolution()
    {
        // [130, 0.75 × 40]: e = 1 clips nothing (130 = 65 · 2) but rounds each 0.75 to 0: squared error 40 · 0.5625 = 22.5.
        // e = 0 clips 130 to 127 (error 3² = 9) and rounds each 0.75 to 1: 9 + 40 · 0.0625 = 11.5. So e = 0 wins.
        var weights = new float[41];
        weights[0] = 130f;
        Array.Fill(weights, 0.75f, 1, 40);
        Assert.Equal(0, WeightQuantizer.ChooseExponent([new ArraySegment<float>(weights)], 1.0, 8));
    }

    [Fact]
    public void Quantize_IfNeuron_HandDerivedFields()
    {
        // θ = 1, w = 0.5: S = min(4096 / 1, 127 · 128 / 0.5) = 4096, so vth = 4096 and w·S = 2048 = 64 · 2^5.
        NetworkGraph graph = Graphs.Chain(
            new InputNode { Name = "in", Shape = [1] },
            new LinearNode { Name = "w", Weight = FloatTensor.Of([0.5f], 1, 1) },
            Graphs.If("n", 1f));
        (QuantizedNetwork q, QuantizationStats stats) = Quantizer.Quantize(Lowerer.Lower(graph), TestChips.Tiny.Formats);
        Assert.Equal(4096, q.Populations[0].Profiles[0].ThresholdMantissa);
        Assert.Equal(4095, q.Populations[0].Profiles[0].DecayU);
        Assert.Equal(0, q.Populations[0].Profiles[0].DecayV);
        Assert.Equal(64, q.Projections[0].Mantissas[0]);
        Assert.Equal(5, q.Projections[0].RowExponents[0]);
        Assert.Equal(0, stats.Layers.Single(s => s.Quantity == "weights").MaxAbsError);
    }

    [Fact]
    public void Quantize_LifWithLeak_HandDerivedDecayAndBias()
    {
        // τ = 4, dt = 1: dv = 4096 / 4 = 1024; du = 4096 · 1 − 1 = 4095. v_leak = 0.5 gives a bias of
        // (dt/τ) · 0.5 = 0.125 membrane units per tick. The weight 0.5 · (dt/τ)·R = 0.125 is far below θ = 1, so
        // S = 4096 (the threshold target) and the bias is 0.125 · 4096 · 64 = 32768 v units = 4096 · 2^3,
        // but 4096 overflows the 13-bit mantissa (≤ 4095), so the quantiser uses 2048 · 2^4.
        NetworkGraph graph = Graphs.Chain(
            new InputNode { Name = "in", Shape = [1] },
            new LinearNode { Name = "w", Weight = FloatTensor.Of([0.5f], 1, 1) },
            new LifNode { Name = "n", Tau = FloatTensor.Scalar(4f), VLeak = FloatTensor.Scalar(0.5f), VThreshold = FloatTensor.Scalar(1f) });
        (QuantizedNetwork q, _) = Quantizer.Quantize(Lowerer.Lower(graph), TestChips.Tiny.Formats);
        NeuronProfile profile = q.Populations[0].Profiles[0];
        Assert.Equal(1024, profile.DecayV);
        Assert.Equal(4095, profile.DecayU);
        Assert.Equal(2048, q.Populations[0].BiasMantissa[0]);
        Assert.Equal(4, q.Populations[0].BiasExponent[0]);
    }

    [Fact]
    public void Quantize_BinaryWeights_OnlyMinusOneZeroOne()
    {
        (QuantizedNetwork q, QuantizationStats stats) = Quantizer.Quantize(Lowerer.Lower(Graphs.Dense(5)), TestChips.Tiny.Formats, new QuantizationOptions { WeightBits = 1 });
        Assert.All(q.Projections, p => Assert.All(p.Mantissas, m => Assert.InRange(m, -1, 1)));
        Assert.All(q.Projections, p => Assert.Equal(1, p.WeightBits));
        Assert.All(stats.Layers.Where(s => s.Quantity == "weights"), s => Assert.True(s.RmsError > 0));
    }

    [Fact]
    public void Quantize_FewerBits_LargerError()
    {
        LoweredNetwork lowered = Lowerer.Lower(Graphs.Dense(6));
        double Rms(int bits) => Quantizer.Quantize(lowered, TestChips.Tiny.Formats, new QuantizationOptions { WeightBits = bits }).Stats.Layers.First(s => s.Quantity == "weights").RmsError;
        Assert.True(Rms(8) < Rms(4));
        Assert.True(Rms(4) < Rms(2));
    }
}
