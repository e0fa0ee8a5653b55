using ScottPlot;

namespace NeuroChip.Pipeline.Reports;

/// <summary>A rendered plot: PNG bytes of a known size, with the id the HTML page gives it.</summary>
public sealed record PlotImage(string Id, string Title, int WidthPx, int HeightPx, byte[] Png);

/// <summary>The report's plots, rendered with ScottPlot to PNG.</summary>
public static class ReportPlots
{
    public const int WidthPx = 720;
    public const int HeightPx = 360;

    public static IReadOnlyList<PlotImage> Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            Accuracy(report),
            EnergyByOperation(report.Detail),
            EnergyByCore(report.Detail),
            Utilisation(report.Detail.Utilisation),
            LinkLoad(report.Detail.LinkLoad),
            Raster(report.Detail.Raster),
            FiringRate(report.Detail.Layers),
        ];
    }

    private static PlotImage Accuracy(RunReport report)
    {
        var plot = new Plot();
        double[] t = report.Accuracy.Select(a => (double)a.Timesteps).ToArray();
        AddSeries(plot, t, report.Accuracy.Select(a => a.Ann * 100).ToArray(), "ANN", Colors.Gray, LinePattern.Dashed);
        AddSeries(plot, t, report.Accuracy.Select(a => a.FloatSnn * 100).ToArray(), "float SNN", Colors.SteelBlue, LinePattern.Solid);
        AddSeries(plot, t, report.Accuracy.Select(a => a.ChipSnn * 100).ToArray(), "chip SNN (event engine)", Colors.OrangeRed, LinePattern.Solid);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(t, t.Select(v => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        double[] all = [.. report.Accuracy.SelectMany(a => new[] { a.Ann, a.FloatSnn, a.ChipSnn }).Where(double.IsFinite).Select(v => v * 100)];
        if (all.Length > 0)
        {
            plot.Axes.SetLimitsY(Math.Max(0, all.Min() - 2), Math.Min(100.5, all.Max() + 1));
        }

        plot.Title("Test accuracy against timesteps T");
        plot.XLabel("timesteps T");
        plot.YLabel("accuracy (%)");
        plot.ShowLegend(Alignment.LowerRight);
        return Image("plot-accuracy", "Accuracy against T", plot);
    }

    private static void AddSeries(Plot plot, double[] x, double[] y, string label, Color color, LinePattern pattern)
    {
        var scatter = plot.Add.Scatter(x, y, color);
        scatter.LegendText = label;
        scatter.LinePattern = pattern;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 7;
    }

    private static PlotImage EnergyByOperation(ChipDetail detail)
    {
        var rows = detail.EnergyByOperation.Where(r => r.EnergyPj > 0).ToList();
        var plot = new Plot();
        Bars(plot, rows.Select(r => r.EnergyPj / 1e3).ToArray(), rows.Select(r => r.Key).ToArray(), Colors.SteelBlue);
        plot.Title($"Energy per inference by operation (T = {detail.Timesteps})");
        plot.YLabel("energy (nJ)");
        return Image("plot-energy-operation", "Energy by operation", plot);
    }

    private static PlotImage EnergyByCore(ChipDetail detail)
    {
        var plot = new Plot();
        Bars(plot, detail.EnergyByCore.Select(r => r.EnergyPj / 1e3).ToArray(), detail.EnergyByCore.Select(r => $"{r.CoreId}").ToArray(), Colors.SeaGreen);
        plot.Title($"Dynamic energy per inference by core (T = {detail.Timesteps})");
        plot.XLabel("core id");
        plot.YLabel("energy (nJ)");
        return Image("plot-energy-core", "Energy by core", plot);
    }

    private static PlotImage Utilisation(UtilisationSummary u)
    {
        var plot = new Plot();
        (string Name, Func<CoreUtilisationRow, double> Fraction, Color Color)[] limits =
        [
            ("neurons", r => (double)r.Neurons / u.MaxNeurons, Colors.SteelBlue),
            ("fan-in axons", r => (double)r.FanInAxons / u.MaxFanInAxons, Colors.SeaGreen),
            ("synapse memory", r => (double)r.SynapseBits / u.SynapseMemoryBits, Colors.OrangeRed),
            ("fan-out routes", r => (double)r.FanOutRoutes / u.MaxFanOutRoutes, Colors.DarkGoldenRod),
            ("profiles", r => (double)r.Profiles / u.MaxNeuronProfiles, Colors.Purple),
        ];
        double width = 0.8 / limits.Length;
        for (int k = 0; k < limits.Length; k++)
        {
            var bars = u.Cores.Select((row, i) => new Bar
            {
                Position = i - 0.4 + (width * (k + 0.5)),
                Value = limits[k].Fraction(row) * 100,
                Size = width,
                FillColor = limits[k].Color,
                LineWidth = 0,
            }).ToList();
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = limits[k].Name;
        }

        var limit = plot.Add.HorizontalLine(100, 1.5f, Colors.Black, LinePattern.Dashed);
        limit.LegendText = "limit (100 %)";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            u.Cores.Select((_, i) => (double)i).ToArray(), u.Cores.Select(r => $"{r.CoreId}").ToArray());
        plot.Axes.SetLimitsY(0, 110);
        plot.Title("Per-core utilisation against each limit");
        plot.XLabel("core id");
        plot.YLabel("% of the core's limit");
        plot.ShowLegend(Alignment.UpperRight);
        return Image("plot-utilisation", "Per-core utilisation", plot);
    }

    /// <summary>
    /// The mesh as a grid of (2·TilesX − 1) × (2·TilesY − 1) cells: tiles at even positions (blank), each cell
    /// between two tiles holds the packets per inference crossing that pair of links in both directions.
    /// </summary>
    private static PlotImage LinkLoad(LinkLoadMap map)
    {
        int w = (2 * map.TilesX) - 1, h = (2 * map.TilesY) - 1;
        var grid = new double[h, w];
        for (int r = 0; r < h; r++)
        {
            for (int c = 0; c < w; c++)
            {
                grid[r, c] = double.NaN;
            }
        }

        for (int y = 0; y < map.TilesY; y++)
        {
            for (int x = 0; x < map.TilesX; x++)
            {
                int tile = (y * map.TilesX) + x;
                int row = h - 1 - (2 * y);
                if (x + 1 < map.TilesX)
                {
                    int east = tile + 1;
                    grid[row, (2 * x) + 1] = map.PacketsPerInference[(tile * 4) + 0] + map.PacketsPerInference[(east * 4) + 1];
                }

                if (y + 1 < map.TilesY)
                {
                    int north = tile + map.TilesX;
                    grid[row - 1, 2 * x] = map.PacketsPerInference[(tile * 4) + 2] + map.PacketsPerInference[(north * 4) + 3];
                }
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(grid);
        heatmap.Colormap = new ScottPlot.Colormaps.Turbo();
        heatmap.NaNCellColor = Colors.White;
        plot.Add.ColorBar(heatmap).Label = "packets per inference";
        plot.Title($"Link load over the {map.TilesX} × {map.TilesY} tile mesh");
        plot.XLabel("x (tiles at even columns, east-west links between)");
        plot.YLabel("y (north-south links between)");
        return Image("plot-link-load", "Link-load heat map", plot);
    }

    private static PlotImage Raster(SpikeRaster raster)
    {
        var plot = new Plot();
        int[] offsets = new int[raster.LayerSizes.Length + 1];
        for (int l = 0; l < raster.LayerSizes.Length; l++)
        {
            offsets[l + 1] = offsets[l] + raster.LayerSizes[l];
        }

        Color[] palette = [Colors.SteelBlue, Colors.OrangeRed, Colors.SeaGreen, Colors.Purple, Colors.DarkGoldenRod, Colors.Teal, Colors.Crimson];
        for (int l = 0; l < raster.LayerNames.Count; l++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < raster.Tick.Length; i++)
            {
                if (raster.Layer[i] == l)
                {
                    xs.Add(raster.Tick[i]);
                    ys.Add(offsets[l] + raster.Neuron[i]);
                }
            }

            var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledSquare, 3, palette[l % palette.Length]);
            markers.LegendText = $"{raster.LayerNames[l]} ({xs.Count} spikes)";
            if (l > 0)
            {
                plot.Add.HorizontalLine(offsets[l] - 0.5, 1, Colors.LightGray);
            }
        }

        plot.Axes.SetLimits(-0.5, raster.Ticks - 0.5, -0.5, Math.Max(1, offsets[^1]) - 0.5);
        plot.Title($"Spike raster of test sample {raster.Sample} (label {raster.Label})");
        plot.XLabel("tick");
        plot.YLabel("neuron (layers stacked)");
        plot.ShowLegend(Alignment.UpperRight);
        return Image("plot-raster", "Spike raster", plot);
    }

    private static PlotImage FiringRate(IReadOnlyList<LayerActivity> layers)
    {
        var plot = new Plot();
        Bars(plot, layers.Select(l => l.FiringRate).ToArray(), layers.Select(l => l.Layer).ToArray(), Colors.Purple);
        plot.Title("Firing rate per layer");
        plot.YLabel("spikes per neuron per tick");
        return Image("plot-firing-rate", "Firing rate per layer", plot);
    }

    private static void Bars(Plot plot, double[] values, string[] labels, Color color)
    {
        var bars = values.Select((v, i) => new Bar { Position = i, Value = v, FillColor = color, LineWidth = 0 }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(values.Select((_, i) => (double)i).ToArray(), labels);
        plot.Axes.Margins(bottom: 0);
    }

    private static PlotImage Image(string id, string title, Plot plot) =>
        new(id, title, WidthPx, HeightPx, plot.GetImageBytes(WidthPx, HeightPx, ImageFormat.Png));
}
