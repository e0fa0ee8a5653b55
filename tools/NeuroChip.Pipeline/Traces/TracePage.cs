using NeuroChip.EventSim.Engine;
using NeuroChip.Pipeline.Reports;
using ScottPlot;

namespace NeuroChip.Pipeline.Traces;

/// <summary>
/// The traced run's HTML summary: a spike raster of the traced neurons and the u and v traces of the first
/// <see cref="PlottedTraces"/> of them, as inline PNGs; one self-contained page.
/// </summary>
public static class TracePage
{
    public const int PlottedTraces = 8;

    private const string Style =
        "body{font-family:system-ui,'DejaVu Sans',sans-serif;margin:2rem auto;max-width:64rem;color:#222}"
        + "h2{margin-top:2rem;border-bottom:1px solid #ccc}img.plot{border:1px solid #ddd;max-width:100%;height:auto}.note{color:#555;font-size:.85rem}"
        + "table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #bbb;padding:.2rem .5rem}";

    public static string Render(TraceSet set, string title)
    {
        var w = new HtmlWriter();
        w.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>NeuroChip traces</title><style>").Raw(Style).Raw("</style></head><body>");
        w.Element("h1", title);
        w.Raw("<p class=\"note\">").Text($"{set.Neurons.Count} traced neuron(s), {set.Ticks:N0} ticks. u and v are raw register values (24-bit; a spike fires when v > vth << 6).").Raw("</p>");
        if ((set.Quantities & TraceQuantities.Spikes) != 0)
        {
            w.Element("h2", $"Spikes ({set.Spikes.Count:N0})");
            w.Image(Raster(set));
        }

        foreach ((TraceQuantities quantity, string name, Func<NeuronTrace, int[]> pick) in new (TraceQuantities, string, Func<NeuronTrace, int[]>)[]
        {
            (TraceQuantities.V, "v", t => t.V),
            (TraceQuantities.U, "u", t => t.U),
        })
        {
            if ((set.Quantities & quantity) != 0)
            {
                w.Element("h2", $"{name} of the first {Math.Min(PlottedTraces, set.Neurons.Count)} traced neuron(s)");
                w.Image(Lines(set, name, pick));
            }
        }

        w.Element("h2", "Traced neurons");
        w.Raw("<table>").HeaderRow("column", "core", "neuron", "name", "spikes");
        int[] counts = new int[set.Neurons.Count];
        foreach (TracedSpike s in set.Spikes)
        {
            counts[s.Index]++;
        }

        for (int i = 0; i < set.Neurons.Count; i++)
        {
            TracedNeuron n = set.Neurons[i];
            w.Raw("<tr>").TextCell(i.ToString()).TextCell(n.Neuron.Core.ToString()).TextCell(n.Neuron.Neuron.ToString()).TextCell(n.Name).TextCell(counts[i].ToString()).Raw("</tr>");
        }

        return w.Raw("</table></body></html>\n").ToString();
    }

    private static PlotImage Raster(TraceSet set)
    {
        var plot = new Plot();
        double[] ticks = set.Spikes.Select(s => (double)s.Tick).ToArray();
        double[] rows = set.Spikes.Select(s => (double)s.Index).ToArray();
        plot.Add.Markers(ticks, rows, MarkerShape.FilledSquare, 3, Colors.SteelBlue);
        plot.Axes.SetLimitsX(-0.5, Math.Max(1, set.Ticks) - 0.5);
        plot.Axes.SetLimitsY(-0.5, Math.Max(1, set.Neurons.Count) - 0.5);
        plot.Title("Spike raster of the traced neurons");
        plot.XLabel("tick");
        plot.YLabel("traced neuron (column)");
        return Image("plot-raster", "Spike raster", plot);
    }

    private static PlotImage Lines(TraceSet set, string name, Func<NeuronTrace, int[]> pick)
    {
        var plot = new Plot();
        double[] x = Enumerable.Range(0, set.Ticks).Select(t => (double)t).ToArray();
        for (int i = 0; i < Math.Min(PlottedTraces, set.Registers.Count); i++)
        {
            var line = plot.Add.ScatterLine(x, pick(set.Registers[i]).Select(v => (double)v).ToArray());
            line.LegendText = set.Neurons[i].Name;
        }

        plot.Title($"{name} register per tick");
        plot.XLabel("tick");
        plot.YLabel($"{name} (register units)");
        plot.ShowLegend(Alignment.UpperRight);
        return Image($"plot-{name}", $"{name} traces", plot);
    }

    private static PlotImage Image(string id, string title, Plot plot) =>
        new(id, title, ReportPlots.WidthPx, ReportPlots.HeightPx, plot.GetImageBytes(ReportPlots.WidthPx, ReportPlots.HeightPx, ImageFormat.Png));
}
