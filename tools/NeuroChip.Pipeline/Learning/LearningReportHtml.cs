using System.Globalization;
using System.Text;
using NeuroChip.Pipeline.Reports;
using static NeuroChip.Pipeline.Reports.SettingsPage;

namespace NeuroChip.Pipeline.Learning;

/// <summary>A self-contained HTML page for a <see cref="LearningReport"/>: settings, accuracy per epoch, learning cost.</summary>
public static class LearningReportHtml
{
    public static string Render(LearningReport r)
    {
        var culture = CultureInfo.InvariantCulture;
        StringBuilder html = SettingsPage.Begin("NeuroChip learning report", $"Learning report: {r.Network} on {r.Dataset}", "60rem");
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
}
