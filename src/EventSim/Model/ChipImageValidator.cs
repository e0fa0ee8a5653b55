using NeuroChip.EventSim.Fixed;

namespace NeuroChip.EventSim.Model;

/// <summary>
/// Checks a <see cref="ChipImage"/> against its <see cref="ChipSpec"/> and its own internal
/// consistency. Reports every violation with the core, the limit and the value.
/// </summary>
public static class ChipImageValidator
{
    private const int MaxErrors = 50;

    public static IReadOnlyList<string> Validate(ChipImage image)
    {
        var errors = new List<string>();
        ChipSpec spec = image.Chip;
        errors.AddRange(ChipSpecValidator.Validate(spec));
        if (image.SchemaVersion != ChipImage.CurrentSchemaVersion)
        {
            errors.Add($"schemaVersion = {image.SchemaVersion}: this NeuroChip reads version {ChipImage.CurrentSchemaVersion}.");
        }

        var axonCounts = new Dictionary<int, int>();
        var neuronCounts = new Dictionary<int, int>();
        foreach (CoreConfig core in image.Cores)
        {
            if (core.CoreId < 0 || core.CoreId >= spec.CoreCount)
            {
                errors.Add($"core {core.CoreId}: core id out of range: the chip '{spec.Name}' has cores 0..{spec.CoreCount - 1}.");
            }
            else if (!axonCounts.TryAdd(core.CoreId, core.Axons.Count))
            {
                errors.Add($"core {core.CoreId}: configured twice.");
            }

            neuronCounts[core.CoreId] = core.Neurons.Count;
        }

        foreach (CoreConfig core in image.Cores)
        {
            ValidateCore(core, spec, axonCounts, errors);
            if (errors.Count > MaxErrors)
            {
                break;
            }
        }

        foreach (SpikePort port in image.SpikeInputs)
        {
            ValidateRoutes($"spike input '{port.Name}'", port.Channels, axonCounts, errors);
        }

        foreach (NeuronPort port in image.CurrentInputs.Concat(image.Readouts))
        {
            ValidateNeuronPort(port, neuronCounts, errors);
        }

        var names = image.SpikeInputs.Select(p => p.Name).Concat(image.CurrentInputs.Select(p => p.Name)).Concat(image.Readouts.Select(p => p.Name));
        foreach (string duplicate in names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add($"port '{duplicate}': the name is used by more than one port.");
        }

        return errors.Count > MaxErrors ? [.. errors.Take(MaxErrors), $"... and more ({errors.Count - MaxErrors}+) not shown."] : errors;
    }

    /// <summary>Throws a <see cref="UserInputException"/> listing every violation, if any.</summary>
    public static void ThrowIfInvalid(ChipImage image, string source)
    {
        IReadOnlyList<string> errors = Validate(image);
        if (errors.Count > 0)
        {
            throw new UserInputException($"Chip image '{source}' does not fit chip '{image.Chip.Name}':\n  " + string.Join("\n  ", errors));
        }
    }

    private static void ValidateCore(CoreConfig core, ChipSpec spec, Dictionary<int, int> axonCounts, List<string> errors)
    {
        string at = $"core {core.CoreId}";
        CoreLimits limits = spec.Core;
        NeuronTable n = core.Neurons;
        int count = n.Count;

        void Limit(string what, long value, long limit)
        {
            if (value > limit)
            {
                errors.Add($"{at}: {what} = {value:N0} exceeds the limit {limit:N0}.");
            }
        }

        Limit("neurons", count, limits.MaxNeurons);
        Limit("neuron profiles", core.Profiles.Count, limits.MaxNeuronProfiles);
        Limit("fan-in axons", core.Axons.Count, limits.MaxFanInAxons);
        Limit("fan-out routes", core.Routes.EntryCount, limits.MaxFanOutRoutes);
        Limit("synapse memory bits", SynapseMemory.CoreBits(core, spec), limits.SynapseMemoryBits);

        if (n.BiasMantissa.Length != count || n.BiasExponent.Length != count || n.InitialV.Length != count || n.InitialU.Length != count)
        {
            errors.Add($"{at}: neuron arrays differ in length (profile {count}, biasMantissa {n.BiasMantissa.Length}, biasExponent {n.BiasExponent.Length}, initialV {n.InitialV.Length}, initialU {n.InitialU.Length}); all must equal the neuron count.");
            return;
        }

        for (int p = 0; p < core.Profiles.Count; p++)
        {
            ValidateProfile($"{at} profile {p}", core.Profiles[p], errors);
        }

        for (int i = 0; i < count; i++)
        {
            string neuron = $"{at} neuron {i}";
            Check(errors, neuron, "profile", n.Profile[i], 0, core.Profiles.Count - 1);
            Check(errors, neuron, "biasMantissa", n.BiasMantissa[i], BitWidths.BiasMantissaMin, BitWidths.BiasMantissaMax);
            Check(errors, neuron, "biasExponent", n.BiasExponent[i], 0, BitWidths.BiasExponentMax);
            Check(errors, neuron, "initialV", n.InitialV[i], -(BitWidths.StateLimit - 1), BitWidths.StateLimit - 1);
            Check(errors, neuron, "initialU", n.InitialU[i], -BitWidths.StateLimit, BitWidths.StateLimit - 1);
            if (errors.Count > MaxErrors)
            {
                return;
            }
        }

        for (int a = 0; a < core.Axons.Count; a++)
        {
            ValidateRow($"{at} axon {a}", core.Axons[a], count, spec, errors);
            if (errors.Count > MaxErrors)
            {
                return;
            }
        }

        if (core.Routes.SourceCount != count)
        {
            errors.Add($"{at}: the route table has {core.Routes.SourceCount} sources but the core has {count} neurons.");
        }
        else
        {
            ValidateRoutes(at, core.Routes, axonCounts, errors);
        }
    }

    private static void ValidateProfile(string at, NeuronProfile p, List<string> errors)
    {
        Check(errors, at, "decayU", p.DecayU, 0, BitWidths.DecayMax);
        Check(errors, at, "decayV", p.DecayV, 0, BitWidths.DecayMax);
        Check(errors, at, "thresholdMantissa", p.ThresholdMantissa, 0, BitWidths.ThresholdMantissaMax);
        Check(errors, at, "refractoryTicks", p.RefractoryTicks, 0, BitWidths.RefractoryMax);
        Check(errors, at, "resetValue", p.ResetValue, -(BitWidths.StateLimit - 1), BitWidths.StateLimit - 1);
        Check(errors, at, "spikePayload", p.SpikePayload, 1, BitWidths.PayloadMax);
    }

    private static void ValidateRow(string at, SynapseRow row, int neurons, ChipSpec spec, List<string> errors)
    {
        int maxBits = Math.Max(spec.Formats.WeightMantissaBits, spec.Formats.LearningWeightBits);
        Check(errors, at, "weightBits", row.WeightBits, 1, maxBits);
        Check(errors, at, "weightExponent", row.WeightExponent, BitWidths.WeightExponentMin, BitWidths.WeightExponentMax);
        int bits = Math.Clamp(row.WeightBits, 1, 16);
        int min = bits == 1 ? -1 : -(1 << (bits - 1));
        int max = bits == 1 ? 1 : (1 << (bits - 1)) - 1;
        for (int k = 0; k < row.Weights.Length; k++)
        {
            if (row.Weights[k] < min || row.Weights[k] > max)
            {
                errors.Add($"{at}: weight {k} = {row.Weights[k]} is outside the {bits}-bit signed range {min}..{max}.");
                return;
            }
        }

        switch (row)
        {
            case SparseRow s:
                if (s.Targets.Length != s.Weights.Length || (s.Delays.Length != 0 && s.Delays.Length != s.Weights.Length))
                {
                    errors.Add($"{at}: targets ({s.Targets.Length}), weights ({s.Weights.Length}) and delays ({s.Delays.Length}) must have equal lengths (delays may be empty).");
                    return;
                }

                for (int k = 0; k < s.Targets.Length; k++)
                {
                    if (s.Targets[k] < 0 || s.Targets[k] >= neurons)
                    {
                        errors.Add($"{at}: target {k} = {s.Targets[k]} is not a neuron of this core (0..{neurons - 1}).");
                        return;
                    }

                    if (s.DelayAt(k) < 0 || s.DelayAt(k) > spec.Formats.MaxDelayTicks)
                    {
                        errors.Add($"{at}: delay {k} = {s.DelayAt(k)} is outside 0..{spec.Formats.MaxDelayTicks}.");
                        return;
                    }
                }

                break;
            case DenseRow d:
                if (d.FirstTarget < 0 || d.FirstTarget + d.Count > neurons)
                {
                    errors.Add($"{at}: dense targets {d.FirstTarget}..{d.FirstTarget + d.Count - 1} are not all neurons of this core (0..{neurons - 1}).");
                }

                Check(errors, at, "delay", d.Delay, 0, spec.Formats.MaxDelayTicks);
                break;
        }
    }

    private static void ValidateRoutes(string at, RouteTable routes, Dictionary<int, int> axonCounts, List<string> errors)
    {
        if (routes.DestinationCores.Length != routes.DestinationAxons.Length || routes.Offsets.Length == 0
            || routes.Offsets[0] != 0 || routes.Offsets[^1] != routes.DestinationCores.Length)
        {
            errors.Add($"{at}: malformed route table (offsets must start at 0, rise, and end at the entry count; cores and axons must have equal lengths).");
            return;
        }

        for (int i = 0; i + 1 < routes.Offsets.Length; i++)
        {
            if (routes.Offsets[i + 1] < routes.Offsets[i] || routes.Offsets[i + 1] > routes.DestinationCores.Length)
            {
                errors.Add($"{at}: route offset {routes.Offsets[i + 1]} of source {i + 1} is outside {routes.Offsets[i]}..{routes.DestinationCores.Length} (offsets must rise and end at the entry count).");
                return;
            }

            for (int k = routes.Offsets[i]; k < routes.Offsets[i + 1]; k++)
            {
                int core = routes.DestinationCores[k];
                if (!axonCounts.TryGetValue(core, out int axons))
                {
                    errors.Add($"{at}: source {i} routes to core {core}, which the image does not configure.");
                    return;
                }

                if (routes.DestinationAxons[k] < 0 || routes.DestinationAxons[k] >= axons)
                {
                    errors.Add($"{at}: source {i} routes to axon {routes.DestinationAxons[k]} of core {core}, which has axons 0..{axons - 1}.");
                    return;
                }
            }
        }
    }

    private static void ValidateNeuronPort(NeuronPort port, Dictionary<int, int> neuronCounts, List<string> errors)
    {
        if (port.Cores.Length != port.Neurons.Length)
        {
            errors.Add($"port '{port.Name}': cores ({port.Cores.Length}) and neurons ({port.Neurons.Length}) differ in length.");
            return;
        }

        for (int c = 0; c < port.Cores.Length; c++)
        {
            if (!neuronCounts.TryGetValue(port.Cores[c], out int count) || port.Neurons[c] < 0 || port.Neurons[c] >= count)
            {
                errors.Add($"port '{port.Name}' channel {c}: neuron {port.Neurons[c]} of core {port.Cores[c]} does not exist.");
                return;
            }
        }
    }

    private static void Check(List<string> errors, string at, string field, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{at}: {field} = {value} is outside the allowed range {min}..{max}.");
        }
    }
}
