using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Probes;
using NeuroChip.Mapping;
using NeuroChip.Mapping.Ann;
using NeuroChip.Pipeline.Reports;

namespace NeuroChip.Pipeline.Run;

/// <summary>Turns the results of a run into a <see cref="RunReport"/>; all per-inference numbers are totals over the test samples divided by their count.</summary>
internal static class ReportBuilder
{
    public static ChipRunSummary Summary(TimestepResult r, ChipSpec chip)
    {
        RunCounters c = r.Chip.Counters;
        double n = r.Chip.Samples;
        double inferenceNs = r.Sample.Timing!.TotalNs;
        return new ChipRunSummary
        {
            Timesteps = r.Timesteps,
            Samples = r.Chip.Samples,
            SpikesPerInference = c.TotalSpikes / n,
            SynapticOpsPerInference = c.TotalSynapticOps / n,
            ActiveUpdatesPerInference = c.TotalActiveUpdates / n,
            IdleUpdatesPerInference = c.TotalIdleUpdates / n,
            PacketsPerInference = c.TotalPackets / n,
            HopsEastWestPerInference = c.TotalHopsEastWest / n,
            HopsNorthSouthPerInference = c.TotalHopsNorthSouth / n,
            DynamicEnergyPerInferencePj = EnergyModel.Compute(c, chip, 0).DynamicPj / n,
            StaticEnergyPerInferencePj = chip.Energy.StaticPower.Value * inferenceNs,
            ChipNsPerInference = inferenceNs,
            WallSecondsPerInference = r.Chip.SecondsPerInference,
        };
    }

    public static ChipDetail Detail(TimestepResult r, ChipSpec chip, long annMacs, int rasterSample, int rasterLabel)
    {
        RunCounters c = r.Chip.Counters;
        int n = r.Chip.Samples;
        var layers = new ChipLayers(r.Compiled);
        TimingReport timing = r.Sample.Timing!;
        EnergyReport energy = EnergyModel.Compute(c, chip, timing.TotalNs * n);
        var byCore = energy.ByCore.Select(e => new CoreEnergyRow(e.CoreId, e.Label, layers.NameOf(e.CoreId), e.EnergyPj / n)).ToList();
        double synapticOps = c.TotalSynapticOps / (double)n;
        return new ChipDetail
        {
            Timesteps = r.Timesteps,
            Samples = n,
            EnergyByOperation = [.. energy.ByOperation.Select(l => new EnergyRow(l.Key, l.Operation, l.Count / n, l.CountUnit, l.Coefficient, l.CoefficientUnit, l.Source, l.EnergyPj / n))],
            EnergyByCore = byCore,
            EnergyByLayer = [.. layers.Names
                .Select(name => new LayerEnergyRow(name, byCore.Count(e => e.Layer == name), byCore.Where(e => e.Layer == name).Sum(e => e.EnergyPj)))],
            DynamicEnergyPerInferencePj = energy.DynamicPj / n,
            StaticEnergyPerInferencePj = energy.StaticPj / n,
            Baseline = new AnnBaseline
            {
                MacsPerInference = annMacs,
                AnnEnergyPerInferencePj = annMacs * AnnBaseline.MacPj,
                AcsPerInference = synapticOps,
                SnnAcEnergyPerInferencePj = synapticOps * AnnBaseline.AcPj,
                MacConvention = MacCounter.Convention,
            },
            Timing = Timing(timing, r.Compiled.Image, rasterSample),
            Utilisation = Utilisation(r.Compiled, chip),
            Quantisation = r.Compiled.QuantizationStats.Layers,
            Placement = new PlacementSummary(
                r.Compiled.PlacementReport.Cost, r.Compiled.PlacementReport.NaiveCost, r.Compiled.PlacementReport.Improvement,
                r.Compiled.PlacementReport.Seed, r.Compiled.Routing.TotalRouteEntries),
            LinkLoad = new LinkLoadMap(chip.Mesh.TilesX, chip.Mesh.TilesY, [.. c.LinkPackets.Select(p => p / (double)n)]),
            Layers = Activity(c, r.Compiled.Image, layers, n, r.Chip.TicksPerInference),
            Raster = Raster(r.Sample, layers, rasterSample, rasterLabel),
        };
    }

    public static IReadOnlyList<CoefficientRow> Coefficients(ChipSpec chip)
    {
        var rows = chip.Energy.All()
            .Select(e => new CoefficientRow("energy", e.Key, e.Coefficient.Operation, e.Coefficient.Value, e.Coefficient.Unit, e.Coefficient.Source))
            .ToList();
        TimingCosts t = chip.Timing;
        (string Key, string Operation, double Value)[] timing =
        [
            ("synapticOpNs", "synaptic op (core busy)", t.SynapticOpNs),
            ("neuronUpdateActiveNs", "neuron update, active", t.NeuronUpdateActiveNs),
            ("neuronUpdateIdleNs", "neuron update, inactive", t.NeuronUpdateIdleNs),
            ("synapticUpdateNs", "synaptic weight update", t.SynapticUpdateNs),
            ("spikeInTileNs", "packet entering a core", t.SpikeInTileNs),
            ("hopEastWestNs", "tile hop east-west", t.HopEastWestNs),
            ("hopNorthSouthNs", "tile hop north-south", t.HopNorthSouthNs),
            ("linkSerialisationNs", "packet on a link (serialisation)", t.LinkSerialisationNs),
            ("barrierNs", "tick barrier", t.BarrierNs),
        ];
        rows.AddRange(timing.Select(x => new CoefficientRow("timing", x.Key, x.Operation, x.Value, "ns", t.Source)));
        rows.Add(new CoefficientRow("baseline", "annMac", "ANN multiply-accumulate (32-bit float)", AnnBaseline.MacPj, "pJ", AnnBaseline.Convention));
        rows.Add(new CoefficientRow("baseline", "snnAc", "SNN accumulate (32-bit float add)", AnnBaseline.AcPj, "pJ", AnnBaseline.Convention));
        return rows;
    }

    private static TimingSummary Timing(TimingReport t, ChipImage image, int sample) => new()
    {
        Sample = sample,
        Ticks = t.Ticks,
        InferenceNs = t.TotalNs,
        MeanTickNs = t.MeanTickNs,
        MaxTickNs = t.MaxTickNs,
        SlowestTick = t.SlowestTick,
        CriticalCore = t.CriticalCore,
        CriticalCoreLabel = image.Cores.FirstOrDefault(core => core.CoreId == t.CriticalCore)?.Label ?? "",
        CriticalCoreTicks = t.CriticalCoreTicks,
        CriticalLink = t.CriticalLink,
        CriticalLinkDescription = t.CriticalLinkDescription,
        NetworkBoundTicks = t.NetworkBoundTicks,
        TickNs = t.TickNs,
    };

    private static UtilisationSummary Utilisation(CompilationResult compiled, ChipSpec chip) => new()
    {
        MaxNeurons = chip.Core.MaxNeurons,
        MaxNeuronProfiles = chip.Core.MaxNeuronProfiles,
        MaxFanInAxons = chip.Core.MaxFanInAxons,
        SynapseMemoryBits = chip.Core.SynapseMemoryBits,
        MaxFanOutRoutes = chip.Core.MaxFanOutRoutes,
        Cores = [.. compiled.Utilisation.Rows.Select(r => new CoreUtilisationRow(
            r.CoreId, r.Label, r.Usage.Neurons, r.Usage.Profiles, r.Usage.FanInAxons, r.Usage.SynapseBits, r.Usage.FanOutRoutes, r.Usage.Synapses))],
    };

    private static List<LayerActivity> Activity(RunCounters c, ChipImage image, ChipLayers layers, int samples, int ticksPerInference)
    {
        var spikes = new long[layers.Names.Count];
        for (int k = 0; k < image.Cores.Count; k++)
        {
            spikes[layers.Of(image.Cores[k].CoreId).Layer] += c.NeuronSpikes[k].Sum(x => (long)x);
        }

        return [.. layers.Names.Select((name, l) => new LayerActivity(
            name, layers.Sizes[l], spikes[l] / (double)samples, spikes[l] / ((double)samples * layers.Sizes[l] * ticksPerInference)))];
    }

    private static SpikeRaster Raster(RunResult run, ChipLayers layers, int sample, int label)
    {
        var tick = new int[run.Spikes.Count];
        var layer = new int[run.Spikes.Count];
        var neuron = new int[run.Spikes.Count];
        for (int i = 0; i < run.Spikes.Count; i++)
        {
            SpikeEvent s = run.Spikes[i];
            (int l, int first) = layers.Of(s.Core);
            tick[i] = s.Tick;
            layer[i] = l;
            neuron[i] = first + s.Neuron;
        }

        return new SpikeRaster
        {
            Sample = sample,
            Label = label,
            Ticks = run.Ticks,
            LayerNames = layers.Names,
            LayerSizes = layers.Sizes,
            Tick = tick,
            Layer = layer,
            Neuron = neuron,
        };
    }
}
