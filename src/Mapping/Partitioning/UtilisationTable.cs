using System.Globalization;
using System.Text;
using NeuroChip.EventSim.Model;

namespace NeuroChip.Mapping.Partitioning;

/// <summary>One used core: what its slice takes of each limit.</summary>
public sealed record UtilisationRow(int CoreId, string Label, SliceUsage Usage);

/// <summary>Per-core utilisation against the chip's limits, as data and as text.</summary>
public sealed record UtilisationTable(IReadOnlyList<UtilisationRow> Rows, CoreLimits Limits)
{
    public static UtilisationTable Build(PartitionPlan plan, IReadOnlyList<string> populationNames, IReadOnlyList<int> coreOfSlice, CoreLimits limits) =>
        new(
            plan.Slices
                .Select(s => new UtilisationRow(coreOfSlice[s.Index], $"{populationNames[s.Population]}[{s.FirstNeuron}..{s.EndNeuron - 1}]", plan.Usage[s.Index]))
                .OrderBy(r => r.CoreId)
                .ToList(),
            limits);

    /// <summary>The largest fraction of any limit any core uses.</summary>
    public double PeakFraction => Rows.Count == 0 ? 0 : Rows.Max(r => Fractions(r.Usage).Max());

    public IEnumerable<double> Fractions(SliceUsage u) =>
    [
        (double)u.Neurons / Limits.MaxNeurons,
        (double)u.Profiles / Limits.MaxNeuronProfiles,
        (double)u.FanInAxons / Limits.MaxFanInAxons,
        (double)u.SynapseBits / Limits.SynapseMemoryBits,
        (double)u.FanOutRoutes / Limits.MaxFanOutRoutes,
    ];

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"core",5} {"slice",-32} {"neurons",13} {"profiles",9} {"fan-in axons",15} {"synapse memory",22} {"fan-out routes",15}");
        foreach (UtilisationRow r in Rows)
        {
            SliceUsage u = r.Usage;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{r.CoreId,5} {Truncate(r.Label, 32),-32} {Cell(u.Neurons, Limits.MaxNeurons),13} {u.Profiles,9} {Cell(u.FanInAxons, Limits.MaxFanInAxons),15} {Cell(u.SynapseBits, Limits.SynapseMemoryBits),22} {Cell(u.FanOutRoutes, Limits.MaxFanOutRoutes),15}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{Rows.Count} cores used; limits per core: {Limits.MaxNeurons:N0} neurons, {Limits.MaxNeuronProfiles} profiles, {Limits.MaxFanInAxons:N0} fan-in axons, {Limits.SynapseMemoryBits:N0} synapse bits, {Limits.MaxFanOutRoutes:N0} fan-out routes.");
        return text.ToString();
    }

    private static string Cell(long value, long limit) => string.Create(CultureInfo.InvariantCulture, $"{value:N0} {100.0 * value / limit,4:F0}%");

    private static string Truncate(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "…";
}
