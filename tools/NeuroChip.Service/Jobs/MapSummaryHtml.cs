using System.Globalization;
using System.Text;
using NeuroChip.Mapping.Quantization;
using static NeuroChip.Service.Jobs.SummaryPage;

namespace NeuroChip.Service.Jobs;

/// <summary>A small self-contained HTML page of a <see cref="MapReport"/>: totals, per-core utilisation, quantisation, placement and routing.</summary>
internal static class MapSummaryHtml
{
    public static string Render(MapReport report, string jobId)
    {
        StringBuilder html = SummaryPage.Begin("Mapping", jobId);
        CultureInfo inv = CultureInfo.InvariantCulture;
        html.Append(inv, $"<b>{E(report.Graph)}</b>: {report.Neurons:N0} neurons, {report.Synapses:N0} synapses on {report.CoresUsed} of {report.ChipCores} cores of <b>{E(report.Chip)}</b>, compiled in {report.CompileSeconds:F3} s.</p>\n");
        html.Append("<h2>Per-core utilisation</h2>\n<table id=\"cores\"><tr><th>core</th><th class=\"l\">slice</th><th>neurons</th><th>profiles</th><th>fan-in axons</th><th>synapse memory (bits)</th><th>fan-out routes</th></tr>");
        foreach (MapCoreRow row in report.Utilisation)
        {
            html.Append(inv, $"<tr><td>{row.CoreId}</td><td class=\"l\">{E(row.Label)}</td>")
                .Append(Cell(row.Usage.Neurons, report.CoreLimits.MaxNeurons))
                .Append(Cell(row.Usage.Profiles, report.CoreLimits.MaxNeuronProfiles))
                .Append(Cell(row.Usage.FanInAxons, report.CoreLimits.MaxFanInAxons))
                .Append(Cell(row.Usage.SynapseBits, report.CoreLimits.SynapseMemoryBits))
                .Append(Cell(row.Usage.FanOutRoutes, report.CoreLimits.MaxFanOutRoutes))
                .Append("</tr>");
        }

        html.Append("</table>\n<h2>Quantisation</h2>\n<table id=\"quantisation\"><tr><th class=\"l\">layer</th><th class=\"l\">quantity</th><th>count</th><th>clipped</th><th>max error</th><th>rms error</th><th>max |value|</th></tr>");
        foreach (LayerQuantizationStats s in report.Quantisation)
        {
            html.Append(inv, $"<tr><td class=\"l\">{E(s.Layer)}</td><td class=\"l\">{E(s.Quantity)}</td><td>{s.Count:N0}</td><td>{s.ClippedFraction:P2}</td><td>{s.MaxAbsError:G4}</td><td>{s.RmsError:G4}</td><td>{s.MaxAbsValue:G4}</td></tr>");
        }

        MapPlacement p = report.Placement;
        MapRouting r = report.Routing;
        html.Append("</table>\n<h2>Placement and routing</h2>\n<table id=\"placement\">")
            .Append(Row("placement cost (packets × hops per tick)", p.Cost.ToString("G6", inv)))
            .Append(Row("naive row-major cost", p.NaiveCost.ToString("G6", inv)))
            .Append(Row("annealing moves", p.Iterations.ToString("N0", inv)))
            .Append(Row("route entries", r.TotalRouteEntries.ToString("N0", inv)))
            .Append(Row("busiest link (packets per tick)", r.MaxLinkLoad.ToString("G4", inv)))
            .Append(Row("route check", r.RouteCheckPassed is null ? "not run" : r.RouteCheckPassed.Value ? "passed" : "failed"));
        return End(html);
    }

    private static string Cell(long value, long limit) =>
        string.Create(CultureInfo.InvariantCulture, $"<td>{value:N0} ({100.0 * value / limit:F0}%)</td>");
}
