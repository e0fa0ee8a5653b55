using NeuroChip.EventSim.Neurons;

namespace NeuroChip.EventSim.Tests.Neurons;

public sealed class LifFixedModelTests
{
    private static LifFixedParameters Params(int du = 0, int dv = 0, int vth = 1000, ResetMode reset = ResetMode.Zero, int bias = 0, int refractory = 0, int resetValue = 0) =>
        LifFixedParameters.From(new NeuronProfile { DecayU = du, DecayV = dv, ThresholdMantissa = vth, Reset = reset, RefractoryTicks = refractory, ResetValue = resetValue }, bias, 0);

    private static List<int> SpikeTicks(LifFixedParameters p, int ticks, Func<int, int>? input = null)
    {
        var state = new LifFixedState(0, 0, 0);
        var spikes = new List<int>();
        for (int t = 0; t < ticks; t++)
        {
            state = LifFixedModel.Step(state, p, input?.Invoke(t) ?? 0, out bool spike);
            if (spike)
            {
                spikes.Add(t);
            }
        }

        return spikes;
    }

    [Fact]
    public void Step_BiasOnlyIfWithZeroReset_SpikesEverySeventhTick()
    {
        // IF (du = 4095 → keep 0, dv = 0 → keep 4096), bias 100, vth 10 → threshold 640.
        // v = 100, 200, ..., 700 > 640 at the 7th tick (t = 6); reset to 0; again at t = 13, 20, 27.
        var p = LifFixedParameters.From(NeuronProfile.IntegrateAndFire(10, ResetMode.Zero), 100, 0);
        Assert.Equal([6, 13, 20, 27], SpikeTicks(p, 30));
    }

    [Fact]
    public void Step_BiasOnlyIfWithSubtractReset_KeepsTheResidue()
    {
        // Threshold 640, bias 100. t=6: v=700 → spike, v=60. t=12: v=660 → spike, v=20.
        // t=19: v=720 → spike, v=80. t=25: v=680 → spike, v=40. Mean period 6.4 = 640/100.
        var p = LifFixedParameters.From(NeuronProfile.IntegrateAndFire(10, ResetMode.Subtract), 100, 0);
        Assert.Equal([6, 12, 19, 25], SpikeTicks(p, 30));
    }

    [Fact]
    public void Step_BiasExponent_ShiftsTheMantissa()
    {
        // bias 25 << 2 = 100: the same train as bias 100.
        var p = LifFixedParameters.From(NeuronProfile.IntegrateAndFire(10, ResetMode.Zero), 25, 2);
        Assert.Equal(100, p.Bias);
    }

    [Fact]
    public void Step_CurrentAndVoltageDecay_FollowTheMagnitudeRule()
    {
        // du = 2048 → keep u = 4096 − 2049 = 2047; dv = 1024 → keep v = 3072. u0 = 1000, v0 = 0, no input.
        // u1 = (1000·2047) >> 12 = 499;  v1 = 0 + 499 = 499
        // u2 = (499·2047) >> 12 = 249;   v2 = (499·3072) >> 12 + 249 = 374 + 249 = 623
        var p = Params(du: 2048, dv: 1024, vth: 100_000);
        var s1 = LifFixedModel.Step(new LifFixedState(1000, 0, 0), p, 0, out _);
        var s2 = LifFixedModel.Step(s1, p, 0, out _);
        Assert.Equal((499, 499), (s1.U, s1.V));
        Assert.Equal((249, 623), (s2.U, s2.V));
    }

    [Fact]
    public void Step_NegativeCurrent_DecaysTowardZeroSymmetrically()
    {
        // sign(u)·((|u|·keep) >> 12): −1000 → −499, not −500 (truncation toward zero).
        var p = Params(du: 2048, dv: 0, vth: 100_000);
        Assert.Equal(-499, LifFixedModel.Step(new LifFixedState(-1000, 0, 0), p, 0, out _).U);
    }

    [Fact]
    public void Step_CurrentPast2Pow23_WrapsToNegative()
    {
        // du = 0 → keep 4095. u0 = 8,388,600: (8388600·4095) >> 12 = 8,386,552; + (100 << 6) = 8,392,952,
        // which exceeds 2^23 − 1 and wraps: 8,392,952 − 2^24 = −8,384,264.
        var p = Params(du: 0, dv: 0, vth: 131_071);
        var s = LifFixedModel.Step(new LifFixedState(8_388_600, 0, 0), p, 100, out _);
        Assert.Equal(-8_384_264, s.U);
    }

    [Fact]
    public void Step_VoltageBelowRange_SaturatesAtMinus2Pow23Plus1()
    {
        // dv = 0 (keep 4096): v = −8,000,000 + u, u = −1000 << 6 = −64,000 plus decayed 0 → −8,064,000,
        // then a second input of −10,000 << 6 = −640,000 takes it below −8,388,607: clipped there.
        var p = Params(du: 4095, dv: 0, vth: 131_071);
        var s = LifFixedModel.Step(new LifFixedState(0, -8_000_000, 0), p, -1000, out _);
        Assert.Equal(-8_064_000, s.V);
        s = LifFixedModel.Step(s, p, -10_000, out _);
        Assert.Equal(-8_388_607, s.V);
    }

    [Fact]
    public void Step_VoltageAboveRange_SaturatesAndSpikes()
    {
        // v = 8,000,000 + (10,000 << 6) = 8,640,000 → clipped to 8,388,607 > 131071 << 6 = 8,388,544 → spike, reset to 0.
        var p = Params(du: 4095, dv: 0, vth: 131_071);
        int v = LifFixedModel.IntegrateVoltage(8_000_000, 640_000, p);
        Assert.Equal(8_388_607, v);
        var s = LifFixedModel.Step(new LifFixedState(0, 8_000_000, 0), p, 10_000, out bool spike);
        Assert.True(spike);
        Assert.Equal(0, s.V);
    }

    [Fact]
    public void Step_ResetToValue_SetsTheConfiguredVoltage()
    {
        // Input 20 → u = 20 << 6 = 1280 > threshold 10 << 6 = 640 → spike → v = −300.
        var p = Params(du: 4095, dv: 0, vth: 10, reset: ResetMode.ToValue, resetValue: -300);
        var s = LifFixedModel.Step(new LifFixedState(0, 0, 0), p, 20, out bool spike);
        Assert.True(spike);
        Assert.Equal(-300, s.V);
    }

    [Fact]
    public void Step_Refractory_HoldsVoltageAndSuppressesSpikes()
    {
        // IF, bias 700 > threshold 640: without refractory it would fire every tick.
        // With 3 refractory ticks: fire at t=0, held (v = 0) at t=1,2,3, fire at t=4, 8, 12.
        var p = LifFixedParameters.From(new NeuronProfile { DecayU = 4095, DecayV = 0, ThresholdMantissa = 10, RefractoryTicks = 3 }, 700, 0);
        Assert.Equal([0, 4, 8, 12], SpikeTicks(p, 14));
    }

    [Fact]
    public void Step_RefractoryCurrent_KeepsIntegrating()
    {
        // During refractory u still decays and integrates: du = 4095 → u = input << 6 each tick.
        var p = LifFixedParameters.From(new NeuronProfile { DecayU = 4095, DecayV = 0, ThresholdMantissa = 10, RefractoryTicks = 2 }, 0, 0);
        var s = LifFixedModel.Step(new LifFixedState(0, 0, 2), p, 5, out bool spike);
        Assert.False(spike);
        Assert.Equal((320, 0, 1), (s.U, s.V, s.Refractory));
    }

    [Fact]
    public void Step_VoltageEqualToThreshold_DoesNotSpike()
    {
        // The comparison is strict: v = 640 = 10 << 6 does not fire.
        var p = LifFixedParameters.From(NeuronProfile.IntegrateAndFire(10, ResetMode.Zero), 640, 0);
        LifFixedModel.Step(new LifFixedState(0, 0, 0), p, 0, out bool spike);
        Assert.False(spike);
    }
}
