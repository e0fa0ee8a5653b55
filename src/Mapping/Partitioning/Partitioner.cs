using System.Globalization;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Quantization;

namespace NeuroChip.Mapping.Partitioning;

/// <summary>
/// Splits every population into equal slices (the last may be shorter), each the largest that fits
/// one core: neurons, neuron profiles, fan-in axons and synapse memory bits on the receiving side,
/// fan-out route entries on the sending side. Receiving limits fix a first slice size; sending limits
/// may shrink it, which can change other populations' route counts, so the two alternate until stable.
/// A network that cannot fit fails with the population, the limit and the numbers.
/// </summary>
public static class Partitioner
{
    private const int MaxRounds = 16;

    public static PartitionPlan Partition(QuantizedNetwork network, ChipSpec spec)
    {
        CheckFormats(network, spec);
        var accounting = new SliceAccounting(network, spec);
        int populations = network.Populations.Count;
        var sizes = new int[populations];
        var binding = new string[populations];
        for (int p = 0; p < populations; p++)
        {
            (sizes[p], binding[p]) = LargestInboundSlice(network, spec, accounting, p);
        }

        for (int round = 0; ; round++)
        {
            bool changed = false;
            for (int p = 0; p < populations; p++)
            {
                int outbound = LargestOutboundSlice(network, spec, accounting, p, sizes);
                if (outbound < sizes[p])
                {
                    sizes[p] = outbound;
                    binding[p] = "fan-out routes";
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }

            if (round == MaxRounds)
            {
                throw new InvalidOperationException("Slice sizes did not settle; the fan-out and fan-in limits keep shrinking each other.");
            }
        }

        var slices = new List<CoreSlice>();
        var first = new int[populations];
        var usage = new List<SliceUsage>();
        for (int p = 0; p < populations; p++)
        {
            first[p] = slices.Count;
            int[] routes = accounting.RouteEntries(p, sizes);
            for (int lo = 0; lo < network.Populations[p].Size; lo += sizes[p])
            {
                int hi = Math.Min(network.Populations[p].Size, lo + sizes[p]);
                slices.Add(new CoreSlice(slices.Count, p, lo, hi - lo));
                (int axons, long bits, long synapses) = accounting.Inbound(p, lo, hi);
                usage.Add(new SliceUsage(hi - lo, accounting.Profiles(p, lo, hi), axons, bits, Sum(routes, lo, hi), synapses));
            }
        }

        if (slices.Count > spec.CoreCount)
        {
            string detail = string.Join("\n  ", Enumerable.Range(0, populations).Select(p =>
                $"population '{network.Populations[p].Name}': {network.Populations[p].Size:N0} neurons in {(network.Populations[p].Size + sizes[p] - 1) / sizes[p]:N0} slices of ≤ {sizes[p]:N0} (limited by {binding[p]})"));
            throw new UserInputException(
                $"The network needs {slices.Count:N0} cores but chip '{spec.Name}' has {spec.CoreCount:N0}:\n  {detail}\nUse a larger chip, fewer or narrower layers, or fewer weight bits.");
        }

        return new PartitionPlan(slices, first, sizes, usage, binding);
    }

    private static void CheckFormats(QuantizedNetwork network, ChipSpec spec)
    {
        int learningBits = Math.Max(spec.Formats.WeightMantissaBits, spec.Formats.LearningWeightBits);
        foreach (QuantizedProjection projection in network.Projections)
        {
            if (projection.WeightBits > spec.Formats.WeightMantissaBits && !(projection.Plastic && projection.WeightBits <= learningBits))
            {
                string most = projection.Plastic ? $"{learningBits} for plastic weights" : $"{spec.Formats.WeightMantissaBits}";
                throw new UserInputException(
                    $"Projection {projection.Name}: {projection.WeightBits}-bit weights, but chip '{spec.Name}' stores at most {most}. Quantise with fewer weight bits.");
            }

            int delay = projection.Layout.MaxDelayTicks();
            if (delay > spec.Formats.MaxDelayTicks)
            {
                throw new UserInputException(
                    $"Projection {projection.Name}: a delay of {delay} ticks exceeds chip '{spec.Name}''s maximum of {spec.Formats.MaxDelayTicks}. Shorten the Delay or use a longer time step.");
            }
        }
    }

    /// <summary>The largest slice size whose every slice fits the receiving limits (binary search; the limits grow with the slice).</summary>
    private static (int Size, string Binding) LargestInboundSlice(QuantizedNetwork network, ChipSpec spec, SliceAccounting accounting, int p)
    {
        int size = network.Populations[p].Size;
        string? single = InboundViolation(network, spec, accounting, p, 1);
        if (single is not null)
        {
            throw new UserInputException(
                $"Population '{network.Populations[p].Name}' does not fit chip '{spec.Name}' even one neuron per core: {single}. "
                + "The layer is too wide for one core: reduce its fan-in (fewer inputs, a sparser or smaller kernel) or use a chip with larger cores.");
        }

        int lo = 1;
        int hi = Math.Min(size, spec.Core.MaxNeurons);
        string binding = hi < size ? "neurons" : "population size";
        string? atHi = InboundViolation(network, spec, accounting, p, hi);
        if (atHi is null)
        {
            return (hi, binding);
        }

        binding = atHi;
        while (hi - lo > 1)
        {
            int mid = lo + ((hi - lo) / 2);
            string? violation = InboundViolation(network, spec, accounting, p, mid);
            if (violation is null)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
                binding = violation;
            }
        }

        return (lo, binding.Split(' ')[0] switch { "synapse" => "synapse memory bits", "fan-in" => "fan-in axons", "neuron" => "neuron profiles", _ => binding });
    }

    /// <summary>The first receiving limit a slicing of <paramref name="sliceSize"/> breaks, or null.</summary>
    private static string? InboundViolation(QuantizedNetwork network, ChipSpec spec, SliceAccounting accounting, int p, int sliceSize)
    {
        int size = network.Populations[p].Size;
        CoreLimits limits = spec.Core;
        for (int lo = 0; lo < size; lo += sliceSize)
        {
            int hi = Math.Min(size, lo + sliceSize);
            int profiles = accounting.Profiles(p, lo, hi);
            if (profiles > limits.MaxNeuronProfiles)
            {
                return Describe("neuron profiles", profiles, limits.MaxNeuronProfiles, lo, hi);
            }

            (int axons, long bits, _) = accounting.Inbound(p, lo, hi);
            if (axons > limits.MaxFanInAxons)
            {
                return Describe("fan-in axons", axons, limits.MaxFanInAxons, lo, hi);
            }

            if (bits > limits.SynapseMemoryBits)
            {
                return Describe("synapse memory bits", bits, limits.SynapseMemoryBits, lo, hi);
            }
        }

        return null;
    }

    private static int LargestOutboundSlice(QuantizedNetwork network, ChipSpec spec, SliceAccounting accounting, int p, int[] sizes)
    {
        int[] routes = accounting.RouteEntries(p, sizes);
        int limit = spec.Core.MaxFanOutRoutes;
        for (int s = 0; s < routes.Length; s++)
        {
            if (routes[s] > limit)
            {
                throw new UserInputException(
                    $"Population '{network.Populations[p].Name}': neuron {s} sends to {routes[s]:N0} (core, axon) destinations but a core holds at most {limit:N0} fan-out routes (chip '{spec.Name}'). Reduce the neuron's fan-out or use a chip with more routes per core.");
            }
        }

        int lo = 1;
        int hi = sizes[p];
        if (MaxWindow(routes, hi) <= limit)
        {
            return hi;
        }

        while (hi - lo > 1)
        {
            int mid = lo + ((hi - lo) / 2);
            if (MaxWindow(routes, mid) <= limit)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static long MaxWindow(int[] values, int width)
    {
        long max = 0;
        for (int lo = 0; lo < values.Length; lo += width)
        {
            max = Math.Max(max, Sum(values, lo, Math.Min(values.Length, lo + width)));
        }

        return max;
    }

    private static int Sum(int[] values, int lo, int hi)
    {
        long sum = 0;
        for (int i = lo; i < hi; i++)
        {
            sum += values[i];
        }

        return (int)Math.Min(int.MaxValue, sum);
    }

    private static string Describe(string limit, long value, long max, int lo, int hi) =>
        string.Create(CultureInfo.InvariantCulture, $"{limit} = {value:N0} exceed the core limit {max:N0} (neurons {lo}..{hi - 1})");
}
