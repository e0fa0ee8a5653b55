using NeuroChip.EventSim;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Lowering;

/// <summary>
/// Turns a neuron node's continuous-time parameters into the per-tick form of <see cref="LoweredPopulation"/>
/// (forward Euler with step dt), and gives the gains that fold R, τ and w_in into incoming weights:
/// <code>
///   IF        DecayU = 1      DecayV = 0        synaptic gain = dt·R                 bias gain = dt·R
///   LIF       DecayU = 1      DecayV = dt/τ     synaptic gain = (dt/τ)·R             bias gain = (dt/τ)·R     leak bias = (dt/τ)·v_leak
///   CubaLIF   DecayU = dt/τs  DecayV = dt/τm    synaptic gain = (dt/τs)·w_in·(dt/τm)·R   bias gain = w_in·(dt/τm)·R   leak bias = (dt/τm)·v_leak
///   Threshold DecayU = 1      DecayV = 1        gains 1
/// </code>
/// For CubaLIF, u holds (dt/τm)·R·I, so the voltage update needs no further gain; a constant input
/// (an upstream bias) enters v at its steady-state value w_in·(dt/τm)·R·b rather than through the
/// synaptic filter (exact once the filter has settled).
/// </summary>
internal static class PopulationLowering
{
    public static (LoweredPopulation Population, float[] SynapticGain, float[] BiasGain) Lower(NeuronNode node, int size, double dt)
    {
        var threshold = new float[size];
        var decayU = new float[size];
        var decayV = new float[size];
        var bias = new float[size];
        var reset = new float[size];
        var initialV = new float[size];
        var initialU = new float[size];
        var synapticGain = new float[size];
        var biasGain = new float[size];
        for (int i = 0; i < size; i++)
        {
            threshold[i] = node.VThreshold.At(i);
            reset[i] = node.VReset.At(i);
            initialV[i] = node.VInitial.At(i);
            switch (node)
            {
                case IfNode f:
                    decayU[i] = 1f;
                    synapticGain[i] = biasGain[i] = (float)(dt * f.R.At(i));
                    break;
                case LifNode l:
                {
                    float a = Fraction(node, "tau", l.Tau.At(i), dt);
                    decayU[i] = 1f;
                    decayV[i] = a;
                    synapticGain[i] = biasGain[i] = a * l.R.At(i);
                    bias[i] = a * l.VLeak.At(i);
                    break;
                }

                case CubaLifNode c:
                {
                    float aSyn = Fraction(node, "tauSyn", c.TauSyn.At(i), dt);
                    float aMem = Fraction(node, "tauMem", c.TauMem.At(i), dt);
                    decayU[i] = aSyn;
                    decayV[i] = aMem;
                    biasGain[i] = c.WIn.At(i) * aMem * c.R.At(i);
                    synapticGain[i] = aSyn * biasGain[i];
                    bias[i] = aMem * c.VLeak.At(i);
                    initialU[i] = aMem * c.R.At(i) * c.IInitial.At(i);
                    break;
                }

                case ThresholdNode:
                    decayU[i] = 1f;
                    decayV[i] = 1f;
                    synapticGain[i] = biasGain[i] = 1f;
                    break;
                default:
                    throw new InvalidOperationException($"Node '{node.Name}' ({node.Kind}) has no lowering.");
            }
        }

        var population = new LoweredPopulation
        {
            Name = node.Name,
            NodeKind = node.Kind,
            Size = size,
            Threshold = threshold,
            DecayU = decayU,
            DecayV = decayV,
            Bias = bias,
            ResetValue = reset,
            InitialV = initialV,
            InitialU = initialU,
            Reset = node.Reset,
            InputGain = synapticGain,
        };
        return (population, synapticGain, biasGain);
    }

    /// <summary>dt/τ, which forward Euler needs in (0, 1].</summary>
    private static float Fraction(NeuronNode node, string parameter, float tau, double dt)
    {
        if (!(tau >= dt))
        {
            throw new UserInputException(
                $"Node '{node.Name}' ({node.Kind}): {parameter} = {tau} is shorter than the time step {dt} (or not a number); the per-tick update needs τ ≥ dt. Lower the graph's timeStep or lengthen τ.");
        }

        return (float)(dt / tau);
    }
}
