namespace NeuroChip.EventSim.Model;

/// <summary>What a neuron does after it spikes.</summary>
public enum ResetMode
{
    /// <summary>v ← 0 (Loihi-1's behaviour).</summary>
    Zero,

    /// <summary>v ← v − (vth &lt;&lt; 6): "soft" reset, keeps the residue (what ANN-to-SNN conversion needs).</summary>
    Subtract,

    /// <summary>v ← <see cref="NeuronProfile.ResetValue"/>.</summary>
    ToValue,
}

/// <summary>
/// A compartment configuration shared by many neurons of a core: the CUBA LIF
/// <code>
///   u[t] = sign(u)·((|u|·(4096 − du − 1)) &gt;&gt; 12) + (a_in[t] &lt;&lt; 6)          (wraps at 24 bits)
///   v[t] = sign(v)·((|v|·(4096 − dv)) &gt;&gt; 12) + u[t] + (bias_mant &lt;&lt; bias_exp)   (saturates at ±(2^23 − 1))
///   spike when v[t] &gt; vth &lt;&lt; 6, then reset and hold v for <see cref="RefractoryTicks"/> ticks
/// </code>
/// IF is the no-leak case: <c>DecayU = 4095</c> (u is this tick's input only) and <c>DecayV = 0</c>.
/// </summary>
public sealed record NeuronProfile
{
    /// <summary>Current decay du, 0–4095 (4096 = unity; Loihi-1 adds 1).</summary>
    public int DecayU { get; init; }

    /// <summary>Voltage decay dv, 0–4095.</summary>
    public int DecayV { get; init; }

    /// <summary>Threshold mantissa vth, 0–131071; the comparison is <c>v &gt; vth &lt;&lt; 6</c>.</summary>
    public required int ThresholdMantissa { get; init; }

    public ResetMode Reset { get; init; } = ResetMode.Zero;

    /// <summary>Voltage after a spike when <see cref="Reset"/> is <see cref="ResetMode.ToValue"/>, in v-register units.</summary>
    public int ResetValue { get; init; }

    /// <summary>Ticks after a spike during which v is held and no spike fires (u keeps integrating).</summary>
    public int RefractoryTicks { get; init; }

    /// <summary>
    /// Payload every spike carries, 1–65,535. 1 is a binary spike. A larger value makes the neurons graded (Loihi 2's
    /// graded spikes): each spike carries this payload plus the neuron's graded offset for the tick, and a neuron
    /// with a non-zero offset sends the offset alone when it does not spike (the learning engine sets offsets, e.g.
    /// node-perturbation noise on the activity). The rows that receive these packets scale for it: a spike adds
    /// <c>(weight &lt;&lt; exp) · payload</c>, so they carry log2(payload) fewer exponent bits.
    /// </summary>
    public int SpikePayload { get; init; } = 1;

    /// <summary>Spikes carry a payload other than 1 (see <see cref="SpikePayload"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Graded => SpikePayload != 1;

    /// <summary>The IF neuron: no leak, u carries only this tick's input.</summary>
    public static NeuronProfile IntegrateAndFire(int thresholdMantissa, ResetMode reset = ResetMode.Subtract) => new()
    {
        DecayU = Fixed.BitWidths.DecayMax,
        DecayV = 0,
        ThresholdMantissa = thresholdMantissa,
        Reset = reset,
    };
}
