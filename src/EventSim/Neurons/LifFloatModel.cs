using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Neurons;

/// <summary>
/// The float twin of <see cref="LifFixedModel"/>: the same stages with the same names, real-valued
/// arithmetic, no wrap and no saturation. Used to measure what fixed point costs.
/// <code>
///   DecayCurrent:     u ← u·(1 − du)
///   IntegrateCurrent: u ← u + a_in·2^6
///   IntegrateVoltage: v ← v·(1 − dv) + u + bias
///   FireAndReset:     spike = v &gt; vth·2^6
/// </code>
/// </summary>
public static class LifFloatModel
{
    public static double DecayCurrent(double u, in LifFloatParameters p) => u * (1.0 - p.DecayU);

    public static double IntegrateCurrent(double decayedU, double input) => decayedU + (input * (1 << BitWidths.ActivationShift));

    public static double IntegrateVoltage(double v, double u, in LifFloatParameters p) => (v * (1.0 - p.DecayV)) + u + p.Bias;

    public static (double V, int Refractory, bool Spike) FireAndReset(double v, in LifFloatParameters p)
    {
        if (v <= p.Threshold)
        {
            return (v, 0, false);
        }

        double reset = p.Reset switch
        {
            ResetMode.Zero => 0,
            ResetMode.Subtract => v - p.Threshold,
            _ => p.ResetValue,
        };
        return (reset, p.RefractoryTicks, true);
    }

    public static LifFloatState Step(LifFloatState s, in LifFloatParameters p, double input, out bool spike)
    {
        double u = IntegrateCurrent(DecayCurrent(s.U, p), input);
        if (s.Refractory > 0)
        {
            spike = false;
            return new LifFloatState(u, s.V, s.Refractory - 1);
        }

        double v = IntegrateVoltage(s.V, u, p);
        (double vAfter, int refractory, bool fired) = FireAndReset(v, p);
        spike = fired;
        return new LifFloatState(u, vAfter, refractory);
    }
}
