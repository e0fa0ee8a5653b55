namespace NeuroChip.Mapping.Tests.Support;

/// <summary>
/// A direct simulation of a <see cref="QuantizedNetwork"/>, written from the neuron semantics alone
/// (no chip image, no engine code): per tick t
/// <code>
///   u = sign(u)·((|u|·(4096 − du − 1)) &gt;&gt; 12) + (a_in &lt;&lt; 6)     wrapped to 24 bits
///   v = sign(v)·((|v|·(4096 − dv)) &gt;&gt; 12) + u + (bias_mant &lt;&lt; bias_exp)   saturated to ±(2^23 − 1)
///   spike if v &gt; vth &lt;&lt; 6 (and not refractory), then reset
/// </code>
/// An input spike at t lands in a_in at t + delay; a neuron spike at t lands at t + 1 + delay.
/// </summary>
internal static class ReferenceSimulator
{
    public static List<(int Tick, int Population, int Neuron)> Run(QuantizedNetwork network, int ticks, IReadOnlyList<(int Tick, int Input, int Channel)> inputSpikes)
    {
        int pops = network.Populations.Count;
        int horizon = ticks + 300;
        var accumulator = new long[pops][][];
        var u = new long[pops][];
        var v = new long[pops][];
        var refractory = new int[pops][];
        for (int p = 0; p < pops; p++)
        {
            QuantizedPopulation population = network.Populations[p];
            accumulator[p] = new long[horizon][];
            u[p] = population.InitialU.Select(x => (long)x).ToArray();
            v[p] = population.InitialV.Select(x => (long)x).ToArray();
            refractory[p] = new int[population.Size];
        }

        void Land(int tick, QuantizedProjection projection, int row)
        {
            for (int k = projection.Layout.RowStart(row); k < projection.Layout.RowEnd(row); k++)
            {
                int at = tick + projection.Layout.DelayAt(k);
                long[] slot = accumulator[projection.TargetPopulation][at] ??= new long[network.Populations[projection.TargetPopulation].Size];
                int exponent = projection.RowExponents[row];
                long weight = exponent >= 0 ? (long)projection.Mantissas[k] << exponent : projection.Mantissas[k] >> -exponent;
                slot[projection.Layout.TargetAt(row, k)] += weight;
            }
        }

        var spikes = new List<(int Tick, int Population, int Neuron)>();
        var previous = new List<(int Population, int Neuron)>();
        for (int t = 0; t < ticks; t++)
        {
            foreach ((int tick, int input, int channel) in inputSpikes)
            {
                if (tick == t)
                {
                    foreach (QuantizedProjection projection in network.Projections.Where(j => j.Source == new ProjectionSource(SourceKind.Input, input)))
                    {
                        Land(t, projection, channel);
                    }
                }
            }

            foreach ((int population, int neuron) in previous)
            {
                foreach (QuantizedProjection projection in network.Projections.Where(j => j.Source == new ProjectionSource(SourceKind.Population, population)))
                {
                    Land(t, projection, neuron);
                }
            }

            previous.Clear();
            for (int p = 0; p < pops; p++)
            {
                QuantizedPopulation population = network.Populations[p];
                long[]? input = accumulator[p][t];
                for (int i = 0; i < population.Size; i++)
                {
                    NeuronProfile profile = population.Profiles[population.ProfileIndex[i]];
                    long a = input?[i] ?? 0;
                    long uNext = Decay(u[p][i], 4096 - profile.DecayU - 1) + (a << 6);
                    u[p][i] = (uNext << 40) >> 40;
                    long bias = (long)population.BiasMantissa[i] << population.BiasExponent[i];
                    if (refractory[p][i] > 0)
                    {
                        refractory[p][i]--;
                        continue;
                    }

                    long vNext = Decay(v[p][i], 4096 - profile.DecayV) + u[p][i] + bias;
                    v[p][i] = Math.Clamp(vNext, -((1L << 23) - 1), (1L << 23) - 1);
                    if (v[p][i] > (long)profile.ThresholdMantissa << 6)
                    {
                        spikes.Add((t, p, i));
                        previous.Add((p, i));
                        v[p][i] = profile.Reset switch
                        {
                            ResetMode.Zero => 0,
                            ResetMode.Subtract => v[p][i] - ((long)profile.ThresholdMantissa << 6),
                            _ => profile.ResetValue,
                        };
                        refractory[p][i] = profile.RefractoryTicks;
                    }
                }
            }
        }

        return spikes;
    }

    private static long Decay(long x, int keep)
    {
        long magnitude = Math.Abs(x) * Math.Max(0, keep) >> 12;
        return x < 0 ? -magnitude : magnitude;
    }
}
