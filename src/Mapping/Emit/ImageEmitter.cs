using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Lowering;
using NeuroChip.Mapping.Partitioning;
using NeuroChip.Mapping.Quantization;
using NeuroChip.Mapping.Routing;

namespace NeuroChip.Mapping.Emit;

/// <summary>
/// Writes the placed, routed network as a <see cref="ChipImage"/>: one <see cref="CoreConfig"/> per slice
/// (its profiles, neurons, one synapse row per fan-in axon — dense or sparse, whichever the partitioner
/// counted as smaller — and its route table), a spike input port per spike-encoded graph Input, a current
/// input port per current-encoded Input, and a readout port per graph Output.
/// </summary>
public static class ImageEmitter
{
    public static ChipImage Emit(QuantizedNetwork network, PartitionPlan plan, IReadOnlyList<int> coreOfSlice, RoutingPlan routing, ChipSpec spec)
    {
        var accounting = new SliceAccounting(network, spec);
        var cores = new CoreConfig[plan.Slices.Count];
        Parallel.For(0, plan.Slices.Count, b => cores[b] = Core(network, plan.Slices[b], coreOfSlice[b], routing, accounting));
        var spikeInputs = new List<SpikePort>();
        var currentInputs = new List<NeuronPort>();
        for (int i = 0; i < network.Inputs.Count; i++)
        {
            QuantizedInput input = network.Inputs[i];
            if (input.Encoding == InputEncoding.Spikes)
            {
                spikeInputs.Add(new SpikePort { Name = input.Name, Channels = routing.InputRoutes[i] });
            }
            else
            {
                currentInputs.Add(PopulationPort(input.Name, input.CurrentTarget, plan, coreOfSlice));
            }
        }

        return new ChipImage
        {
            Chip = spec,
            Cores = cores.OrderBy(c => c.CoreId).ToList(),
            SpikeInputs = spikeInputs,
            CurrentInputs = currentInputs,
            Readouts = network.Readouts.Select(r => PopulationPort(r.Name, r.Population, plan, coreOfSlice)).ToList(),
        };
    }

    /// <summary>A port whose channel i is neuron i of the population, wherever its slice was placed.</summary>
    private static NeuronPort PopulationPort(string name, int population, PartitionPlan plan, IReadOnlyList<int> coreOfSlice)
    {
        int size = plan.Slices.Where(s => s.Population == population).Sum(s => s.NeuronCount);
        var cores = new int[size];
        var neurons = new int[size];
        for (int i = 0; i < size; i++)
        {
            CoreSlice slice = plan.Slices[plan.SliceOf(population, i)];
            cores[i] = coreOfSlice[slice.Index];
            neurons[i] = i - slice.FirstNeuron;
        }

        return new NeuronPort { Name = name, Cores = cores, Neurons = neurons };
    }

    private static CoreConfig Core(QuantizedNetwork network, CoreSlice slice, int coreId, RoutingPlan routing, SliceAccounting accounting)
    {
        QuantizedPopulation population = network.Populations[slice.Population];
        int lo = slice.FirstNeuron;
        int hi = slice.EndNeuron;
        var profileMap = new Dictionary<int, int>();
        var profiles = new List<NeuronProfile>();
        var profile = new int[slice.NeuronCount];
        for (int i = lo; i < hi; i++)
        {
            int global = population.ProfileIndex[i];
            if (!profileMap.TryGetValue(global, out int local))
            {
                local = profiles.Count;
                profileMap[global] = local;
                profiles.Add(population.Profiles[global]);
            }

            profile[i - lo] = local;
        }

        int[] axonProjection = routing.AxonProjection[slice.Index];
        int[] axonSource = routing.AxonSource[slice.Index];
        var rows = new SynapseRow[axonProjection.Length];
        for (int axon = 0; axon < rows.Length; axon++)
        {
            rows[axon] = Row(network.Projections[axonProjection[axon]], axonSource[axon], lo, hi, accounting);
        }

        return new CoreConfig
        {
            CoreId = coreId,
            Label = $"{population.Name}[{lo}..{hi - 1}]",
            Profiles = profiles,
            Neurons = new NeuronTable
            {
                Profile = profile,
                BiasMantissa = population.BiasMantissa[lo..hi],
                BiasExponent = population.BiasExponent[lo..hi],
                InitialV = population.InitialV[lo..hi],
                InitialU = population.InitialU[lo..hi],
            },
            Axons = rows,
            Routes = routing.SliceRoutes[slice.Index],
        };
    }

    private static SynapseRow Row(QuantizedProjection projection, int source, int lo, int hi, SliceAccounting accounting)
    {
        SynapseLayout layout = projection.Layout;
        (int start, int end) = layout.RowRange(source, lo, hi);
        int exponent = projection.RowExponents[source];
        if (accounting.RowBits(projection, source, start, end).Dense)
        {
            int first = layout.TargetAt(source, start);
            var weights = new short[layout.TargetAt(source, end - 1) - first + 1];
            for (int k = start; k < end; k++)
            {
                weights[layout.TargetAt(source, k) - first] = projection.Mantissas[k];
            }

            return new DenseRow
            {
                WeightBits = projection.WeightBits,
                WeightExponent = exponent,
                Weights = weights,
                FirstTarget = first - lo,
                Delay = layout.DelayAt(start),
            };
        }

        var targets = new int[end - start];
        var sparseWeights = new short[end - start];
        var delays = new int[end - start];
        bool anyDelay = false;
        for (int k = start; k < end; k++)
        {
            targets[k - start] = layout.TargetAt(source, k) - lo;
            sparseWeights[k - start] = projection.Mantissas[k];
            delays[k - start] = layout.DelayAt(k);
            anyDelay |= delays[k - start] != 0;
        }

        return new SparseRow
        {
            WeightBits = projection.WeightBits,
            WeightExponent = exponent,
            Weights = sparseWeights,
            Targets = targets,
            Delays = anyDelay ? delays : [],
        };
    }
}
