using NeuroChip.EventSim;
using NeuroChip.EventSim.Model;

namespace NeuroChip.Mapping.Conversion;

/// <summary>What the evaluator reads off a chip image: its one current input port, one readout port, their depth apart, and input scales.</summary>
internal sealed record ImageGeometry(NeuronPort Input, NeuronPort Readout, int Depth, double[] CurrentPerUnit)
{
    public static ImageGeometry Of(ChipImage image)
    {
        if (image.CurrentInputs.Count != 1)
        {
            throw new UserInputException(
                $"The chip image has {image.CurrentInputs.Count} current input ports; direct-encoding evaluation needs exactly one (compile a network converted by 'neurochip convert').");
        }

        if (image.Readouts.Count != 1)
        {
            throw new UserInputException($"The chip image has {image.Readouts.Count} readout ports; evaluation needs exactly one.");
        }

        var index = new Dictionary<int, int>();
        for (int i = 0; i < image.Cores.Count; i++)
        {
            index[image.Cores[i].CoreId] = i;
        }

        NeuronPort input = image.CurrentInputs[0];
        var scale = new double[input.Neurons.Length];
        for (int c = 0; c < scale.Length; c++)
        {
            CoreConfig core = image.Cores[index[input.Cores[c]]];
            scale[c] = core.Profiles[core.Neurons.Profile[input.Neurons[c]]].ThresholdMantissa;
        }

        return new ImageGeometry(input, image.Readouts[0], TravelTicks(image, index, input, image.Readouts[0]), scale);
    }

    /// <summary>
    /// Shortest spike travel time in ticks from the input neurons to the readout neurons: a spike at tick t reaches its
    /// targets' input at tick t + 1 + delay.
    /// </summary>
    private static int TravelTicks(ChipImage image, Dictionary<int, int> index, NeuronPort input, NeuronPort readout)
    {
        int[][] distance = [.. image.Cores.Select(c => Enumerable.Repeat(int.MaxValue, c.Neurons.Count).ToArray())];
        var queue = new PriorityQueue<(int Core, int Neuron), int>();
        for (int c = 0; c < input.Neurons.Length; c++)
        {
            int core = index[input.Cores[c]];
            distance[core][input.Neurons[c]] = 0;
            queue.Enqueue((core, input.Neurons[c]), 0);
        }

        while (queue.TryDequeue(out (int Core, int Neuron) at, out int d))
        {
            if (d > distance[at.Core][at.Neuron])
            {
                continue;
            }

            RouteTable routes = image.Cores[at.Core].Routes;
            for (int r = routes.Offsets[at.Neuron]; r < routes.Offsets[at.Neuron + 1]; r++)
            {
                int target = index[routes.DestinationCores[r]];
                SynapseRow row = image.Cores[target].Axons[routes.DestinationAxons[r]];
                for (int k = 0; k < row.Count; k++)
                {
                    (int neuron, int delay) = row switch
                    {
                        SparseRow s => (s.Targets[k], s.DelayAt(k)),
                        DenseRow dense => (dense.FirstTarget + k, dense.Delay),
                        _ => throw new InvalidOperationException("Unknown synapse row kind."),
                    };
                    int next = d + 1 + delay;
                    if (next < distance[target][neuron])
                    {
                        distance[target][neuron] = next;
                        queue.Enqueue((target, neuron), next);
                    }
                }
            }
        }

        int depth = 0;
        for (int c = 0; c < readout.Neurons.Length; c++)
        {
            int d = distance[index[readout.Cores[c]]][readout.Neurons[c]];
            if (d == int.MaxValue)
            {
                throw new UserInputException($"Readout '{readout.Name}' channel {c} cannot be reached from input port '{input.Name}'.");
            }

            depth = Math.Max(depth, d);
        }

        return depth;
    }
}
