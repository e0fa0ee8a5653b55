using System.Globalization;
using System.Text;
using NeuroChip.EventSim.Probes;
using static NeuroChip.Service.Jobs.SummaryPage;

namespace NeuroChip.Service.Jobs;

/// <summary>A small self-contained HTML page of a <see cref="SimulationReport"/>: totals, per-core counters, energy lines and readouts.</summary>
internal static class SimulationSummaryHtml
{
    public static string Render(SimulationReport report, string jobId)
    {
        StringBuilder html = SummaryPage.Begin("Simulation", jobId);
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
