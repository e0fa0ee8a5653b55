using System.Globalization;
using System.Net;
using System.Text;

namespace NeuroChip.Pipeline.Continual;

/// <summary>A self-contained HTML page for a <see cref="ContinualReport"/>: settings, ACC/BWT per method, and each accuracy matrix as a heat map.</summary>
public static class ContinualReportHtml
{
    public static string Render(ContinualReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var culture = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>NeuroChip continual-learning report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;margin:1rem 0}")
            .Append("td,th{border:1px solid #bbb;padding:.3rem .6rem;text-align:right}th{background:#eee}td:first-child,th:first-child{text-align:left}")
            .Append(".heat td{min-width:3.2rem;text-align:center}")
            .Append("</style></head><body>");
        html.Append(culture, $"<h1>Continual learning: {Encode(r.Network)} on {r.TaskNames.Count} {Encode(r.Options.Sequence.ToString().ToLowerInvariant())} {Encode(r.Dataset)} tasks</h1>");
        var rule = r.Options.Rule;
        html.Append("<table><tr><th>setting</th><th>value</th></tr>");
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

        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><td>").Append(Encode(name)).Append("</td><td>").Append(Encode(value)).Append("</td></tr>");

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}
