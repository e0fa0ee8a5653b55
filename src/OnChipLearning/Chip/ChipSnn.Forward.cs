using NeuroChip.EventSim.Engine;
using NeuroChip.OnChipLearning.Rules;
using NeuroChip.OnChipLearning.Surrogates;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>Forward stage: the sample on the event engine, the barrier's trace and ψ observation, activity noise and the readout.</summary>
public sealed partial class ChipSnn
{
    public int Predict(ReadOnlySpan<float> x) => RunSample(x, -1, learn: false);

    private int RunSample(ReadOnlySpan<float> x, int sampleLabel, bool learn)
    {
        label = sampleLabel;
        training = learn;
        simulator.Reset();
        foreach (SpikingLayerState layer in spiking)
        {
            layer.Clear();
        }

        foreach (PlasticState p in plastic)
        {
            p.ClearAccumulators();
        }

        Array.Clear(outputSum);
        var input = new InputSchedule();
        for (int j = 0; j < x.Length; j++)
        {
            payload[j] = (int)Math.Round(Math.Clamp(x[j], 0f, 1f) * options.PayloadScale);
            if (payload[j] != 0)
            {
                for (int t = 0; t < net.Timesteps; t++)
                {
                    input.AddSpike(t, "in", j, payload[j]);
                }
            }
        }

        firstPre = learn && hlop is not null && hlop.Projects(0) ? hlop.Project(0, payload) : payload;
        SetNoise(-1);
        RunResult run = simulator.Run(net.Timesteps + hidden, input);
        if (training)
        {
            Accumulate(run.Counters);
        }

        if (training)
        {
            if (glsnn)
            {
                LearnRates();
            }
            else if (rule.Schedule == OtttSchedule.PerSample)
            {
                foreach (PlasticState p in plastic)
                {
                    ApplyAccumulated(p);
                }
            }

            AdaptThirdFactorExponents();
            if (hlop is not null)
            {
                CollectLateralSample();
            }
        }

        return glsnn ? Readout.ArgMax(spiking[^1].Count) : Readout.ArgMax(outputSum);
    }

    private void Accumulate(EventSim.Probes.RunCounters counters)
    {
        LastRun = counters;
        SamplesTrained++;
        TicksRun += counters.Ticks;
        Counters.AddForward(counters);
    }

    /// <summary>Barrier of chip tick <paramref name="k"/> (counted from the sample's start).</summary>
    private void AtBarrier(int k)
    {
        for (int h = 0; h < spiking.Length; h++)
        {
            int tau = k - h;
            if (tau >= 0 && tau < net.Timesteps)
            {
                Observe(spiking[h], tau);
            }
        }

        if (!glsnn)
        {
            int tau = k - hidden;
            if (tau >= 0 && tau < net.Timesteps)
            {
                ReadOut();
                if (training)
                {
                    LearnOnline(tau);
                }
            }
        }

        // After learning: the next tick's noise reuses the delay-line slot whose z the update above just read.
        SetNoise(k);
    }

    /// <summary>The cores' learning circuits: ψ from the pre-reset voltage, the trace, counts; into the delay line.</summary>
    private void Observe(SpikingLayerState layer, int tau)
    {
        int slot = tau % depth;
        long theta = Layout.ThresholdUnits;
        int[] psi = layer.PsiRing[slot];
        int[] trace = layer.TraceRing[slot];
        foreach (SliceState s in layer.Slices)
        {
            Span<int> v = view.Voltages(s.CoreIndex);
            foreach (int i in view.SpikesThisTick(s.CoreIndex))
            {
                layer.Spiked[s.Slice.FirstNeuron + i] = true;
            }

            for (int i = 0; i < s.Slice.Count; i++)
            {
                int g = s.Slice.FirstNeuron + i;
                bool spiked = layer.Spiked[g];
                layer.Spiked[g] = false;
                int p = table.Lookup(v[i] + (spiked ? theta : 0), theta);
                psi[g] = p;
                layer.Trace[g] = ((layer.Trace[g] * traceKeep) >> 12) + (spiked ? 1 << SurrogateTable.FractionBits : 0);
                trace[g] = layer.Trace[g];
                layer.Count[g] += spiked ? 1 : 0;
                layer.PsiSum[g] += p;
            }
        }
    }

    /// <summary>
    /// Node perturbation for the next tick: α·z with z = ±1 from each hidden neuron's core generator, negated on odd
    /// ticks ("dual noise"), as the neuron's held input (membrane) or as the graded offset its next packets carry
    /// (activity: every hidden neuron sends s + α·z each tick). Cleared when the layer's T ticks are over.
    /// </summary>
    private void SetNoise(int k)
    {
        if (rule.Credit is not (CreditAssignment.Opzo or CreditAssignment.ZerothOrder) || !training || glsnn)
        {
            return;
        }

        for (int h = 0; h < hidden; h++)
        {
            SpikingLayerState layer = spiking[h];
            int next = k + 1 - h;
            if (next < 0 || next > net.Timesteps)
            {
                continue;
            }

            int[] z = layer.NoiseRing[next % depth];
            int[] previous = layer.NoiseRing[(next + depth - 1) % depth];
            foreach (SliceState s in layer.Slices)
            {
                Span<int> held = activityNoise ? view.GradedOffsets(s.CoreIndex) : view.HeldInputs(s.CoreIndex);
                for (int i = 0; i < s.Slice.Count; i++)
                {
                    int g = s.Slice.FirstNeuron + i;
                    z[g] = next == net.Timesteps ? 0 : (next & 1) == 1 ? -previous[g] : s.Rng.NextSign();
                    held[i] = z[g] * noiseInput;
                }
            }
        }
    }

    private void ReadOut()
    {
        PlasticLayer readout = Layout.Layers[^1];
        foreach (LayerSlice slice in readout.Slices)
        {
            Span<int> u = view.Currents(view.IndexOf(slice.CoreId));
            for (int i = 0; i < slice.Count; i++)
            {
                output[slice.FirstNeuron + i] = u[i] / (double)Layout.ReadoutUnits;
            }
        }

        for (int c = 0; c < output.Length; c++)
        {
            outputSum[c] += output[c];
        }
    }

    /// <summary>
    /// The sample's presynaptic activity of every weight layer, as the lateral neurons learn from it (Q8): the input
    /// value for the first layer, the firing rate round(256·count/T) of the layer below for the others.
    /// </summary>
    private void CollectLateralSample()
    {
        Span<int> first = hlop!.Slot(0);
        int scale = options.PayloadScale;
        for (int j = 0; j < first.Length; j++)
        {
            first[j] = ((payload[j] << 8) + (scale / 2)) / scale;
        }

        int t = net.Timesteps;
        for (int l = 1; l < depth; l++)
        {
            Span<int> slot = hlop.Slot(l);
            int[] count = spiking[l - 1].Count;
            for (int j = 0; j < slot.Length; j++)
            {
                slot[j] = ((count[j] << 8) + (t / 2)) / t;
            }
        }

        hlop.EndSample();
    }
}
