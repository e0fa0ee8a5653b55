using NeuroChip.EventSim;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Conversion;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Lowering;
using NeuroChip.Mapping.Partitioning;
using NeuroChip.Mapping.Quantization;

namespace NeuroChip.Mapping;

/// <summary>
/// Does a network fit a chip? First an estimate from the graph's shapes and weights, whose cost grows with the graph's
/// description and not with the neurons it describes: the neurons of every population (exact: one per element of a
/// neuron node, or of an ANN activation or readout that conversion turns into one), the presynaptic neurons of its
/// widest neuron, and a lower bound on the synapses (the non-zero weights of each Affine/Linear node between a source
/// and a population, and of each convolution at the output positions whose window lies inside the input). The network
/// is refused before anything is quantised when one neuron's fan-in exceeds a core's axons, when the populations need
/// more cores than the chip has (each at most neurons-per-core to a core), or when the synapses exceed the chip's
/// memory at one bit each. Otherwise the exact checks run: lowering, quantisation and the compiler's partitioner.
/// </summary>
public static class FitCheck
{
    /// <summary>Checks a spiking network as <c>Compiler.Compile</c> would map it with <paramref name="quantization"/>.</summary>
    public static FitCheckResult Check(NetworkGraph graph, ChipSpec chip, QuantizationOptions? quantization = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(chip);
        return Estimate(graph, chip, annReadout: false) ?? Exact(graph, chip, quantization);
    }

    /// <summary>
    /// Checks an ANN: the estimate on the ANN itself (each activation becomes a population), then conversion with
    /// <paramref name="conversion"/> on <paramref name="sampleCount"/> calibration samples, then the exact checks on the
    /// spiking network. Thresholds change no layer's size, so a few samples give the full run's neurons and cores.
    /// </summary>
    public static FitCheckResult CheckAnn(
        NetworkGraph ann, ChipSpec chip, float[] calibrationInputs, int sampleCount, ConversionOptions conversion, QuantizationOptions? quantization = null)
    {
        ArgumentNullException.ThrowIfNull(ann);
        ArgumentNullException.ThrowIfNull(chip);
        FitCheckResult? refused = Estimate(ann, chip, annReadout: true);
        if (refused is not null)
        {
            return refused;
        }

        NetworkGraph snn;
        try
        {
            snn = AnnToSnnConverter.Convert(ann, calibrationInputs, sampleCount, conversion).Snn;
        }
        catch (UserInputException e)
        {
            return new FitCheckResult { Fits = false, Limit = "conversion", Message = e.Message };
        }

        return Check(snn, chip, quantization);
    }

    private static FitCheckResult? Estimate(NetworkGraph graph, ChipSpec chip, bool annReadout)
    {
        GraphShapes shapes;
        try
        {
            shapes = ShapeInference.Infer(graph);
        }
        catch (UserInputException e)
        {
            return new FitCheckResult { Fits = false, RefusedByEstimate = true, Limit = "graph", Message = e.Message };
        }

        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (GraphNode node in graph.Nodes)
        {
            nodes[node.Name] = node;
        }

        var predecessors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var feedsOutput = new HashSet<string>(StringComparer.Ordinal);
        foreach (GraphEdge edge in graph.Edges)
        {
            if (!predecessors.TryGetValue(edge.Target, out List<string>? list))
            {
                predecessors[edge.Target] = list = [];
            }

            list.Add(edge.Source);
            if (nodes[edge.Target].Role == NodeRole.Output)
            {
                feedsOutput.Add(edge.Source);
            }
        }

        // Populations: neuron nodes, ANN activations (conversion makes them IF), and, for an ANN, a linear node feeding
        // an Output (conversion adds readout neurons there). Each with the linear nodes that reach it from a source.
        var populations = new List<(string Name, long Size, List<GraphNode> Incoming)>();
        foreach (GraphNode node in graph.Nodes)
        {
            if (node.Role is NodeRole.Neuron or NodeRole.Activation)
            {
                var incoming = (predecessors.GetValueOrDefault(node.Name) ?? []).Select(n => nodes[n]).Where(n => IsFromSource(n, nodes, predecessors)).ToList();
                populations.Add((node.Name, SaturatingProduct(shapes[node.Name]), incoming));
            }
            else if (annReadout && node.Role == NodeRole.Linear && feedsOutput.Contains(node.Name))
            {
                populations.Add((node.Name, SaturatingProduct(shapes[node.Name]), IsFromSource(node, nodes, predecessors) ? [node] : []));
            }
        }

        long neurons = 0, synapses = 0, cores = 0;
        foreach ((string name, long size, List<GraphNode> incoming) in populations)
        {
            neurons = SaturatingAdd(neurons, size);
            cores = SaturatingAdd(cores, (size / chip.Core.MaxNeurons) + (size % chip.Core.MaxNeurons == 0 ? 0 : 1));
            long fanIn = 0;
            foreach (GraphNode linear in incoming)
            {
                string source = predecessors[linear.Name][0];
                synapses = SaturatingAdd(synapses, SynapseLowerBound(linear, shapes[source], shapes[linear.Name]));
                if (nodes[source].Role != NodeRole.Input)
                {
                    fanIn = SaturatingAdd(fanIn, MaxRowNonZero(linear));
                }
            }

            if (fanIn > chip.Core.MaxFanInAxons)
            {
                return new FitCheckResult
                {
                    Fits = false,
                    RefusedByEstimate = true,
                    Limit = "fan-in axons",
                    Population = name,
                    Required = fanIn,
                    Available = chip.Core.MaxFanInAxons,
                    Neurons = neurons,
                    Synapses = synapses,
                    Message = $"Population '{name}' does not fit chip '{chip.Name}' even one neuron per core: fan-in axons = {fanIn:N0} exceed the core limit {chip.Core.MaxFanInAxons:N0} (one of its neurons has that many presynaptic neurons). "
                        + "The layer is too wide for one core: reduce its fan-in (fewer inputs, a sparser or smaller kernel) or use a chip with larger cores.",
                };
            }
        }

        if (cores > chip.CoreCount)
        {
            (string name, long size, _) = populations.MaxBy(p => p.Size);
            return new FitCheckResult
            {
                Fits = false,
                RefusedByEstimate = true,
                Limit = "cores",
                Population = size > chip.Core.MaxNeurons ? name : null,
                Required = cores,
                Available = chip.CoreCount,
                Neurons = neurons,
                Synapses = synapses,
                Message = $"The network needs {cores:N0} cores but chip '{chip.Name}' has {chip.CoreCount:N0} even at {chip.Core.MaxNeurons:N0} neurons per core: {neurons:N0} neurons in {populations.Count:N0} populations, the largest '{name}' with {size:N0}. Use a larger chip or fewer or narrower layers.",
            };
        }

        long synapseCapacity = SaturatingMultiply(chip.CoreCount, chip.Core.SynapseMemoryBits);
        if (synapses > synapseCapacity)
        {
            return new FitCheckResult
            {
                Fits = false,
                RefusedByEstimate = true,
                Limit = "synapse memory",
                Required = synapses,
                Available = synapseCapacity,
                Neurons = neurons,
                Synapses = synapses,
                Message = $"The network has at least {synapses:N0} synapses but chip '{chip.Name}' stores at most {synapseCapacity:N0} even at one bit each ({chip.CoreCount:N0} cores × {chip.Core.SynapseMemoryBits:N0} bits). Use a larger chip or fewer or narrower layers.",
            };
        }

        return null;
    }

    /// <summary>A linear node whose one predecessor is an Input, a neuron node or an activation.</summary>
    private static bool IsFromSource(GraphNode node, Dictionary<string, GraphNode> nodes, Dictionary<string, List<string>> predecessors) =>
        node.Role == NodeRole.Linear
        && predecessors.GetValueOrDefault(node.Name) is [string from]
        && nodes[from].Role is NodeRole.Input or NodeRole.Neuron or NodeRole.Activation;

    private static FitCheckResult Exact(NetworkGraph graph, ChipSpec chip, QuantizationOptions? quantization)
    {
        try
        {
            (QuantizedNetwork network, _) = Quantizer.Quantize(Lowerer.Lower(graph), chip.Formats, quantization);
            PartitionPlan plan = Partitioner.Partition(network, chip);
            return new FitCheckResult
            {
                Fits = true,
                Neurons = network.NeuronCount,
                Synapses = network.SynapseCount,
                Cores = plan.Slices.Count,
                Required = plan.Slices.Count,
                Available = chip.CoreCount,
                Message = $"{network.NeuronCount:N0} neurons and {network.SynapseCount:N0} synapses on {plan.Slices.Count:N0} of {chip.CoreCount:N0} cores.",
            };
        }
        catch (UserInputException e)
        {
            return new FitCheckResult { Fits = false, Limit = "partitioning", Message = e.Message };
        }
    }

    /// <summary>Synapses a linear node makes for certain: its non-zero weights, each used at least once.</summary>
    private static long SynapseLowerBound(GraphNode linear, int[] input, int[] output) => linear switch
    {
        AffineNode a => NonZero(a.Weight),
        LinearNode l => NonZero(l.Weight),
        Conv2dNode c when input.Length == 3 && output.Length == 3 => SaturatingMultiply(
            SaturatingMultiply(Inside(output[1], c.Stride[0], c.Padding[0], c.Dilation[0], c.KernelHeight, input[1]), Inside(output[2], c.Stride[1], c.Padding[1], c.Dilation[1], c.KernelWidth, input[2])),
            NonZero(c.Weight)),
        _ => 0,
    };

    /// <summary>Output positions o in [0, outputs) whose whole window stride·o − pad + dilation·[0, k) lies in [0, size).</summary>
    private static long Inside(int outputs, int stride, int pad, int dilation, int k, int size)
    {
        long reach = size - 1L - ((long)dilation * (k - 1)) + pad;
        if (reach < 0)
        {
            return 0;
        }

        long first = (pad + stride - 1L) / stride;
        return Math.Max(0, Math.Min(reach / stride, outputs - 1L) - first + 1);
    }

    /// <summary>The most non-zero weights in one row (one target neuron) of an Affine/Linear node: its presynaptic neurons.</summary>
    private static long MaxRowNonZero(GraphNode linear)
    {
        FloatTensor? weight = linear switch
        {
            AffineNode a => a.Weight,
            LinearNode l => l.Weight,
            _ => null,
        };
        if (weight is null || weight.Shape.Length != 2)
        {
            return 0;
        }

        long most = 0;
        int columns = weight.Shape[1];
        for (int row = 0; row < weight.Shape[0]; row++)
        {
            most = Math.Max(most, NonZero(weight.Data.AsSpan(row * columns, columns)));
        }

        return most;
    }

    private static long NonZero(FloatTensor weight) => NonZero(weight.Data);

    private static long NonZero(ReadOnlySpan<float> weights)
    {
        long count = 0;
        foreach (float w in weights)
        {
            if (w != 0f)
            {
                count++;
            }
        }

        return count;
    }

    private static long SaturatingProduct(IReadOnlyList<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            n = SaturatingMultiply(n, d);
        }

        return n;
    }

    private static long SaturatingMultiply(long a, long b) =>
        a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
