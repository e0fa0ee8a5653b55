using System.Runtime.CompilerServices;
using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Neurons;

/// <summary>
/// The bit-accurate Loihi-1 CUBA LIF, one pure step in four stages (the float twin
/// <see cref="LifFloatModel"/> has the same stages and names):
/// <code>
///   DecayCurrent:     u ← sign(u)·((|u|·(4096 − du − 1)) &gt;&gt; 12)            (rounds toward zero)
///   IntegrateCurrent: u ← wrap24(u + (a_in &lt;&lt; 6))
///   IntegrateVoltage: v ← sat24(sign(v)·((|v|·(4096 − dv)) &gt;&gt; 12) + u + bias)   (held while refractory)
///   FireAndReset:     spike = v &gt; vth &lt;&lt; 6 and not refractory; then reset v and start the refractory count
/// </code>
/// </summary>
public static class LifFixedModel
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DecayCurrent(int u, in LifFixedParameters p) => FixedMath.MulShiftMagnitude(u, p.KeepU);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IntegrateCurrent(int decayedU, int input) =>
        FixedMath.WrapSigned(decayedU + ((long)input << BitWidths.ActivationShift), BitWidths.StateBits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IntegrateVoltage(int v, int u, in LifFixedParameters p) =>
        FixedMath.AddSaturating(FixedMath.MulShiftMagnitude(v, p.KeepV), (long)u + p.Bias, BitWidths.StateBits);

    /// <summary>Applies threshold, reset and refractory bookkeeping to a freshly integrated voltage.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (int V, int Refractory, bool Spike) FireAndReset(int v, in LifFixedParameters p)
    {
        if (v <= p.ThresholdScaled)
        {
            return (v, 0, false);
        }

        int reset = p.Reset switch
        {
            ResetMode.Zero => 0,
            ResetMode.Subtract => v - p.ThresholdScaled,
            _ => p.ResetValue,
        };
        return (reset, p.RefractoryTicks, true);
    }

    /// <summary>One tick: state in, state out; <paramref name="spike"/> tells whether the neuron fired.</summary>
    public static LifFixedState Step(LifFixedState s, in LifFixedParameters p, int input, out bool spike)
    {
        int u = IntegrateCurrent(DecayCurrent(s.U, p), input);
        if (s.Refractory > 0)
        {
            spike = false;
            return new LifFixedState(u, s.V, s.Refractory - 1);
        }

        int v = IntegrateVoltage(s.V, u, p);
        (int vAfter, int refractory, bool fired) = FireAndReset(v, p);
        spike = fired;
        return new LifFixedState(u, vAfter, refractory);
    }
}
