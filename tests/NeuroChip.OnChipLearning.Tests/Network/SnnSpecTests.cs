namespace NeuroChip.OnChipLearning.Tests.Network;

public sealed class SnnSpecTests
{
    [Theory]
    [InlineData(1.0, 0.0)]   // τ = 1: λ = 1 − 1/1 = 0, IF without memory
    [InlineData(2.0, 0.5)]   // τ = 2: λ = 1 − 1/2, the one-bit shift
    [InlineData(4.0, 0.75)]  // τ = 4: λ = 1 − 1/4
    public void Lambda_FromTau_IsOneMinusItsInverse(double tau, double lambda)
    {
        var net = new SnnSpec { Inputs = 3, Hidden = [2], Outputs = 2, Tau = tau };
        Assert.Equal(lambda, net.Lambda);
    }

    [Fact]
    public void Sizes_TwoHiddenLayers_RunFromInputToOutput()
    {
        var net = new SnnSpec { Inputs = 784, Hidden = [100, 50], Outputs = 10 };
        Assert.Equal([784, 100, 50, 10], net.Sizes);
        Assert.Equal("784-100-50-10", net.ToString());
        Assert.Empty(net.Validate());
    }

    [Fact]
    public void Validate_NoHiddenLayerAndShortTau_NamesBoth()
    {
        IReadOnlyList<string> errors = new SnnSpec { Inputs = 4, Hidden = [], Outputs = 2, Tau = 0.5 }.Validate();
        Assert.Equal(
            ["network 4-2: needs at least one input, one hidden layer and one output, all non-empty.", "tau 0.5: must be ≥ 1 (1 is IF without memory, larger leaks less)."],
            errors);
    }

    [Fact]
    public void FeedbackSpec_ResetsAreTwiceTheThresholds()
    {
        // c = 2·V_th = 2·1.5 = 3; c_b = 2·V_th_b = 2·0.25 = 0.5.
        var net = new FeedbackSnnSpec { Inputs = 4, Hidden = 8, Outputs = 3, Threshold = 1.5, BackwardThreshold = 0.25 };
        Assert.Equal(3.0, net.Reset);
        Assert.Equal(0.5, net.BackwardReset);
        Assert.Equal("4-8(feedback)-3", net.ToString());
        Assert.Empty(net.Validate());
    }

    [Fact]
    public void FeedbackSpec_OneOutput_IsRefused()
    {
        IReadOnlyList<string> errors = new FeedbackSnnSpec { Inputs = 4, Hidden = 8, Outputs = 1 }.Validate();
        Assert.Equal(["feedback network 4-8-1: needs inputs, a hidden layer and at least two outputs."], errors);
    }
}
