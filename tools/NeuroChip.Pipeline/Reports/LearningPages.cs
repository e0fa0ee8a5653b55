using System.Globalization;
using System.Net;
using System.Text;
using NeuroChip.Pipeline.Continual;
using NeuroChip.Pipeline.Learning;

namespace NeuroChip.Pipeline.Reports;

/// <summary>
/// The learning and continual-learning report pages (<c>learning-report.html</c>, <c>continual-report.html</c>) and the
/// frame they share: head and style, a heading, a settings table of name–value rows, and the closing tags. Every text
/// goes through HTML encoding.
/// </summary>
public static class LearningPages
{
    /// <summary>Opens the page (<paramref name="extraStyle"/> is appended to the shared style) and writes the heading, then opens the settings table.</summary>
    public static StringBuilder Begin(string title, string heading, string maxWidth, string extraStyle = "")
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:").Append(maxWidth).Append("}table{border-collapse:collapse;margin:1rem 0}")
            .Append("td,th{border:1px solid #bbb;padding:.3rem .6rem;text-align:right}th{background:#eee}td:first-child,th:first-child{text-align:left}")
            .Append(extraStyle)
            .Append("</style></head><body>");
        html.Append("<h1>").Append(Encode(heading)).Append("</h1>");
        html.Append("<table><tr><th>setting</th><th>value</th></tr>");
        return html;
    }

    public static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><td>").Append(Encode(name)).Append("</td><td>").Append(Encode(value)).Append("</td></tr>");

    public static string End(StringBuilder html) => html.Append("</body></html>").ToString();

    public static string Encode(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A self-contained HTML page for a <see cref="LearningReport"/>: settings, accuracy per epoch, learning cost.</summary>
    public static string Learning(LearningReport r)
    {
        var culture = CultureInfo.InvariantCulture;
        StringBuilder html = Begin("NeuroChip learning report", $"Learning report: {r.Network} on {r.Dataset}", "60rem");
        var rule = r.Options.Rule;
        Row(html, "rule", $"{rule.Rule} ({rule.Schedule}), credit {rule.Credit}");
        Row(html, "precision", r.Options.Precision == LearningPrecision.Chip ? $"chip fixed point on {r.Options.Chip}, {r.Options.WeightBits}-bit weights" : "float reference");
        Row(html, "learning rate", rule.LearningRate.ToString(culture));
        Row(html, "timesteps, τ", $"{r.Options.Timesteps}, {r.Options.Tau.ToString(culture)}");
        Row(html, "samples (train / test)", $"{r.TrainSamples:N0} / {r.TestSamples:N0}");
        Row(html, "seed", r.Options.Seed.ToString(culture));
        foreach (string capability in r.RequiredCapabilities)
        {
            Row(html, "requires", capability);
        }

        if (r.LateralNeurons > 0)
        {
            Row(html, "HLOP lateral neurons", $"{r.LateralNeurons:N0} ({r.LateralSynapseBits / 8.0 / 1024:N0} KiB of 16-bit lateral weights)");
        }
        bool aligned = r.Epochs.Any(e => e.FeedbackAlignment is not null);
        html.Append("</table><h2>Accuracy</h2><table><tr><th>epoch</th><th>train (during learning)</th><th>test</th><th>seconds</th><th>samples/s</th>");
        html.Append(aligned ? "<th>feedback alignment (cosine of the top feedback matrix with the readout weights)</th></tr>" : "</tr>");
        foreach (var e in r.Epochs)
        {
            html.Append(culture, $"<tr><td>{e.Epoch}</td><td>{e.TrainAccuracy:P2}</td><td>{e.TestAccuracy:P2}</td><td>{e.Seconds:F1}</td><td>{e.SamplesPerSecond:F0}</td>");
            html.Append(aligned ? string.Create(culture, $"<td>{e.FeedbackAlignment:F3}</td></tr>") : "</tr>");
        }

        html.Append("</table>");
        if (r.Chip is { } c)
        {
            html.Append("<h2>Cost on the chip, per training sample</h2><table><tr><th>quantity</th><th>value</th></tr>");
            Row(html, "synaptic updates", c.SynapticUpdatesPerSample.ToString("N0", culture));
            Row(html, "third-factor packets", c.ThirdFactorPacketsPerSample.ToString("N0", culture));
            Row(html, "synaptic ops (forward)", c.SynapticOpsPerSample.ToString("N0", culture));
            Row(html, "learning energy", $"{c.LearningEnergyPerSamplePj / 1e6:F3} µJ");
            Row(html, "forward energy", $"{c.ForwardEnergyPerSamplePj / 1e6:F3} µJ");
            Row(html, "plastic synapse memory", $"{c.PlasticSynapseBits / 8.0 / 1024:N0} KiB");
            Row(html, "neuron learning state", $"{c.NeuronLearningStateBits / 8.0 / 1024:N1} KiB");
            Row(html, "OTTT_A accumulators", $"{c.AccumulatorBits / 8.0 / 1024:N0} KiB");
            Row(html, "saturated updates (whole run)", c.SaturatedUpdates.ToString("N0", culture));
            html.Append("</table><h3>Coefficients</h3><ul>");
            foreach (string line in c.Coefficients)
            {
                html.Append("<li>").Append(Encode(line)).Append("</li>");
            }

            html.Append("</ul>");
        }

        return End(html);
    }

    /// <summary>A self-contained HTML page for a <see cref="ContinualReport"/>: settings, ACC/BWT per method, and each accuracy matrix as a heat map.</summary>
    public static string Continual(ContinualReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var culture = CultureInfo.InvariantCulture;
        string heading = $"Continual learning: {r.Network} on {r.TaskNames.Count} {r.Options.Sequence.ToString().ToLowerInvariant()} {r.Dataset} tasks";
        StringBuilder html = Begin("NeuroChip continual-learning report", heading, "70rem", ".heat td{min-width:3.2rem;text-align:center}");
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
