using System.Globalization;
using System.Net;
using System.Text;
using NeuroChip.EventSim.Probes;
using NeuroChip.Mapping.Quantization;

namespace NeuroChip.Service.Jobs;

/// <summary>The jobs' small self-contained HTML summaries (a map job's, a simulation's) and the frame they share: head and style, title, name–value rows, encoding.</summary>
internal static class SummaryPage
{
    /// <summary>Opens the page: <c>&lt;title&gt;</c> and <c>&lt;h1&gt;</c> read "<paramref name="title"/> <paramref name="jobId"/>", then an open paragraph.</summary>
    public static StringBuilder Begin(string title, string jobId)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append(' ')
            .Append(E(jobId)).Append("</title><style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
            .Append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}")
            .Append("th{background:#f2f2f2}td.l,th.l{text-align:left}</style></head><body>\n");
        html.Append("<h1>").Append(E(title)).Append(' ').Append(E(jobId)).Append("</h1>\n<p>");
        return html;
    }

    /// <summary>Closes the last table and the page.</summary>
    public static string End(StringBuilder html) => html.Append("</table>\n</body></html>\n").ToString();

    public static string Row(string name, string value) => $"<tr><td class=\"l\">{E(name)}</td><td>{E(value)}</td></tr>";

    public static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A small self-contained HTML page of a <see cref="MapReport"/>: totals, per-core utilisation, quantisation, placement and routing.</summary>
    public static string Map(MapReport report, string jobId)
    {
        StringBuilder html = Begin("Mapping", jobId);
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

    /// <summary>A small self-contained HTML page of a <see cref="SimulationReport"/>: totals, per-core counters, energy lines and readouts.</summary>
    public static string Simulation(SimulationReport report, string jobId)
    {
        StringBuilder html = Begin("Simulation", jobId);
        CultureInfo inv = CultureInfo.InvariantCulture;
        RunCounters c = report.Counters;
        html.Append(inv, $"{report.Ticks:N0} ticks on chip <b>{E(report.Chip)}</b>, {report.Threads} engine thread(s), {report.WallSeconds:F3} s wall time.</p>\n");
        html.Append("<table id=\"totals\"><tr><th class=\"l\">total</th><th>value</th></tr>")
            .Append(Row("spikes", c.TotalSpikes.ToString("N0", inv)))
            .Append(Row("synaptic ops", c.TotalSynapticOps.ToString("N0", inv)))
            .Append(Row("packets", c.TotalPackets.ToString("N0", inv)))
            .Append(Row("energy (nJ)", (report.Energy.TotalPj / 1000).ToString("F3", inv)));
        if (report.Timing is { } t)
        {
            html.Append(Row("modelled time (µs)", (t.TotalNs / 1000).ToString("F3", inv)));
        }

        html.Append("</table>\n<h2>Per core</h2>\n<table id=\"cores\"><tr><th>core</th><th class=\"l\">label</th><th>neurons</th><th>spikes</th><th>synaptic ops</th><th>active updates</th><th>packets</th></tr>");
        foreach (CoreCounters core in c.Cores)
        {
            html.Append(inv, $"<tr><td>{core.CoreId}</td><td class=\"l\">{E(core.Label)}</td><td>{core.Neurons:N0}</td><td>{core.Spikes:N0}</td><td>{core.SynapticOps:N0}</td><td>{core.ActiveUpdates:N0}</td><td>{core.PacketsSent:N0}</td></tr>");
        }

        html.Append("</table>\n<h2>Energy by operation</h2>\n<table id=\"energy\"><tr><th class=\"l\">operation</th><th>count</th><th>coefficient</th><th>energy (nJ)</th><th class=\"l\">source</th></tr>");
        foreach (EnergyLine line in report.Energy.ByOperation)
        {
            html.Append(inv, $"<tr><td class=\"l\">{E(line.Operation)}</td><td>{line.Count:N0} {E(line.CountUnit)}</td><td>{line.Coefficient} {E(line.CoefficientUnit)}</td><td>{line.EnergyPj / 1000:F3}</td><td class=\"l\">{E(line.Source)}</td></tr>");
        }

        html.Append("</table>\n<h2>Readouts</h2>\n<table id=\"readouts\"><tr><th class=\"l\">port</th><th class=\"l\">spike counts per channel</th></tr>");
        foreach ((string port, int[] counts) in report.ReadoutSpikeCounts)
        {
            html.Append("<tr><td class=\"l\">").Append(E(port)).Append("</td><td class=\"l\">")
                .Append(E(string.Join(" ", counts.Select(n => n.ToString(inv))))).Append("</td></tr>");
        }

        return End(html);
    }
}
