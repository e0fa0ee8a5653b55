using NeuroChip.EventSim.Fixed;

namespace NeuroChip.EventSim.Model;

/// <summary>Checks every field of a <see cref="ChipSpec"/> against what the engine can run; names the JSON path, the value and the allowed range.</summary>
public static class ChipSpecValidator
{
    public static IReadOnlyList<string> Validate(ChipSpec spec)
    {
        var errors = new List<string>();

        void Range(string path, double value, double min, double max)
        {
            if (double.IsNaN(value) || value < min || value > max)
            {
                errors.Add($"$.{path} = {value}: allowed range is {min}..{max}.");
            }
        }

        void Exactly(string path, int value, int required)
        {
            if (value != required)
            {
                errors.Add($"$.{path} = {value}: the engine's datapath has {required}; allowed value is {required}.");
            }
        }

        if (string.IsNullOrWhiteSpace(spec.Name))
        {
            errors.Add("$.name is empty: give the chip a name.");
        }

        Range("mesh.tilesX", spec.Mesh.TilesX, 1, 1024);
        Range("mesh.tilesY", spec.Mesh.TilesY, 1, 1024);
        Range("mesh.coresPerTile", spec.Mesh.CoresPerTile, 1, 64);
        Range("core.maxNeurons", spec.Core.MaxNeurons, 1, 1 << 18);
        Range("core.synapseMemoryBits", spec.Core.SynapseMemoryBits, 64, 1L << 40);
        Range("core.maxFanInAxons", spec.Core.MaxFanInAxons, 1, 1 << 24);
        Range("core.maxFanOutRoutes", spec.Core.MaxFanOutRoutes, 1, 1 << 24);
        Range("core.maxNeuronProfiles", spec.Core.MaxNeuronProfiles, 1, 1 << 16);

        NumberFormats f = spec.Formats;
        Range("formats.weightMantissaBits", f.WeightMantissaBits, 1, BitWidths.WeightBitsMax);
        Range("formats.learningWeightBits", f.LearningWeightBits, f.WeightMantissaBits, 16);
        Range("formats.maxDelayTicks", f.MaxDelayTicks, 0, BitWidths.MaxDelayTicks);
        Range("formats.rowHeaderBits", f.RowHeaderBits, 0, 256);
        Exactly("formats.stateBits", f.StateBits, BitWidths.StateBits);
        Exactly("formats.decayBits", f.DecayBits, BitWidths.DecayBits);
        Exactly("formats.thresholdMantissaBits", f.ThresholdMantissaBits, BitWidths.ThresholdMantissaBits);
        Exactly("formats.biasMantissaBits", f.BiasMantissaBits, BitWidths.BiasMantissaBits);
        Exactly("formats.biasExponentBits", f.BiasExponentBits, BitWidths.BiasExponentBits);

        TimingCosts t = spec.Timing;
        Range("timing.synapticOpNs", t.SynapticOpNs, 0, 1e6);
        Range("timing.neuronUpdateActiveNs", t.NeuronUpdateActiveNs, 0, 1e6);
        Range("timing.neuronUpdateIdleNs", t.NeuronUpdateIdleNs, 0, 1e6);
        Range("timing.spikeInTileNs", t.SpikeInTileNs, 0, 1e6);
        Range("timing.hopEastWestNs", t.HopEastWestNs, 0, 1e6);
        Range("timing.hopNorthSouthNs", t.HopNorthSouthNs, 0, 1e6);
        Range("timing.linkSerialisationNs", t.LinkSerialisationNs, 0, 1e6);
        Range("timing.barrierNs", t.BarrierNs, 0, 1e9);
        Range("timing.synapticUpdateNs", t.SynapticUpdateNs, 0, 1e6);

        foreach ((string key, EnergyCoefficient c) in spec.Energy.All())
        {
            string expectedUnit = key == "staticPower" ? "mW" : "pJ";
            Range($"energy.{key}.value", c.Value, 0, 1e9);
            if (c.Unit != expectedUnit)
            {
                errors.Add($"$.energy.{key}.unit = \"{c.Unit}\": allowed value is \"{expectedUnit}\".");
            }

            if (string.IsNullOrWhiteSpace(c.Source))
            {
                errors.Add($"$.energy.{key}.source is empty: say where the figure comes from.");
            }
        }

        return errors;
    }
}
