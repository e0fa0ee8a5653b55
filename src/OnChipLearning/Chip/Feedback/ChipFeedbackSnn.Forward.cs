using NeuroChip.EventSim.Engine;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Chip.Feedback;

/// <summary>Forward stage: the free phase on the event engine and the barrier's spike counting.</summary>
public sealed partial class ChipFeedbackSnn
{
    public int Predict(ReadOnlySpan<float> x) => Forward(x, training: false);

    private int Forward(ReadOnlySpan<float> x, bool training)
    {
        simulator.Reset();
        Array.Clear(counts);
        Array.Clear(outputSum);
        for (int j = 0; j < x.Length; j++)
        {
            payload[j] = (int)Math.Round(Math.Clamp(x[j], 0f, 1f) * options.PayloadScale);
        }

        // Tick-major, so the engine's input plan is already in tick order.
        var input = new InputSchedule();
        for (int t = 0; t < net.Timesteps; t++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                if (payload[j] != 0)
                {
                    input.AddSpike(t, "in", j, payload[j]);
                }
            }
        }

        collect = true;
        RunResult run = simulator.Run(net.Timesteps + 1, input);
        collect = false;
        if (training)
        {
            SamplesTrained++;
            Counters.AddForward(run.Counters);
        }

        for (int c = 0; c < output.Length; c++)
        {
            output[c] = outputSum[c] / net.Timesteps;
        }

        return Readout.ArgMax(output);
    }

    /// <summary>Barrier of tick k: hidden spikes of ticks 0..T−1 are counted; the readout's u of ticks 1..T is summed.</summary>
    private void AtBarrier(int k)
    {
        if (!collect)
        {
            return;
        }

        if (k < net.Timesteps)
        {
            for (int s = 0; s < hiddenCores.Length; s++)
            {
                int first = Layout.Feedback.Slices[s].FirstNeuron;
                foreach (int i in view.SpikesThisTick(hiddenCores[s]))
                {
                    counts[first + i]++;
                }
            }
        }

        if (k >= 1)
        {
            Span<int> u = view.Currents(readoutCore);
            for (int c = 0; c < outputSum.Length; c++)
            {
                outputSum[c] += u[c] / (double)Layout.ReadoutUnits;
            }
        }
    }
}
