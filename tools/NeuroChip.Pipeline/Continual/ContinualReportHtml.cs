using System.Globalization;
using System.Text;
using NeuroChip.Pipeline.Reports;
using static NeuroChip.Pipeline.Reports.SettingsPage;

namespace NeuroChip.Pipeline.Continual;

/// <summary>A self-contained HTML page for a <see cref="ContinualReport"/>: settings, ACC/BWT per method, and each accuracy matrix as a heat map.</summary>
public static class ContinualReportHtml
{
    public static string Render(ContinualReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var culture = CultureInfo.InvariantCulture;
        string heading = $"Continual learning: {r.Network} on {r.TaskNames.Count} {r.Options.Sequence.ToString().ToLowerInvariant()} {r.Dataset} tasks";
        StringBuilder html = SettingsPage.Begin("NeuroChip continual-learning report", heading, "70rem", ".heat td{min-width:3.2rem;text-align:center}");
        var rule = r.Options.Rule;
        Row(html, "base rule", $"{rule.Rule} ({rule.Schedule}), credit {rule.Credit}, η = {rule.LearningRate.ToString(culture)}");
        Row(html, "HLOP rows (first task / later tasks)", $"[{string.Join(", ", r.Options.Hlop.FirstTaskRows)}] / [{string.Join(", ", r.Options.Hlop.LaterTaskRows)}], −{r.Options.Hlop.ShrinkRows} every {r.Options.Hlop.ShrinkEveryTasks} tasks");
        Row(html, "timesteps, τ", $"{r.Options.Timesteps}, {r.Options.Tau.ToString(culture)}");
        Row(html, "epochs per task", r.Options.EpochsPerTask.ToString(culture));
        Row(html, "training samples per task", r.TrainSamplesPerTask.ToString("N0", culture));
        Row(html, "seed", r.Options.Seed.ToString(culture));
        html.Append("</table><h2>Summary</h2><table><tr><th>method</th><th>ACC</th><th>BWT</th><th>training s</th><th>samples/s</th><th>lateral neurons</th><th>lateral synapse memory</th></tr>");
        foreach (ContinualMethodResult m in r.Results)
        {
            string memory = m.LateralSynapseBits > 0 ? $"{m.LateralSynapseBits / 8.0 / 1024:N0} KiB (+{100.0 * m.LateralSynapseBits / m.NetworkSynapseBits:F0} % of the network's)" : "—";
            html.Append(culture, $"<tr><td>{m.Method}</td><td>{m.Acc:P2}</td><td>{(m.Bwt is { } b ? (b * 100).ToString("F2", culture) + " pts" : "—")}</td><td>{m.TrainingSeconds:F1}</td><td>{m.SamplesPerSecond:F0}</td><td>{m.LateralNeurons:N0}</td><td>{Encode(memory)}</td></tr>");
        }

        html.Append("</table>");
        foreach (ContinualMethodResult m in r.Results)
        {
            html.Append(culture, $"<h2>{m.Method}: accuracy on task j (columns) after training task i (rows)</h2><table class=\"heat\"><tr><th>after</th>");
            for (int j = 0; j < r.TaskNames.Count; j++)
            {
                html.Append(culture, $"<th title=\"{Encode(r.TaskNames[j])}\">{j + 1}</th>");
            }

            html.Append("</tr>");
            for (int i = 0; i < m.Matrix.Count; i++)
            {
                string label = m.Method == ContinualMethod.Multitask ? "all" : (i + 1).ToString(culture);
                html.Append(culture, $"<tr><td>{label}</td>");
                for (int j = 0; j < m.Matrix[i].Length; j++)
                {
                    bool seen = m.Method == ContinualMethod.Multitask || j <= i;
                    double a = m.Matrix[i][j];

                    // Heat: hue 0 (red, 0 %) to 120 (green, 100 %); tasks not yet trained are greyed.
                    string style = seen ? $"background:hsl({(a * 120).ToString("F0", culture)},70%,75%)" : "background:#f4f4f4;color:#999";
                    html.Append(culture, $"<td style=\"{style}\">{a * 100:F1}</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</table>");
        }

        return End(html);
    }
}
