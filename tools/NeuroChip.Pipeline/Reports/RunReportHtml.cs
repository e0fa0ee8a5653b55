namespace NeuroChip.Pipeline.Reports;

/// <summary>
/// Renders a <see cref="RunReport"/> as one self-contained HTML page: plots are inline PNG data URIs, styles are
/// inline, nothing is fetched. Numbers carry their report.json path (see <see cref="HtmlWriter.Number"/>).
/// </summary>
public static class RunReportHtml
{
    private const string Style =
        "body{font-family:system-ui,'DejaVu Sans',sans-serif;margin:2rem auto;max-width:64rem;color:#222}"
        + "h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc}"
        + "table{border-collapse:collapse;margin:.8rem 0;font-size:.9rem}td,th{border:1px solid #bbb;padding:.25rem .55rem;text-align:right}"
        + "th{background:#eee}td:first-child,th:first-child{text-align:left}td.text{text-align:left}"
        + "figure{margin:.8rem 0}img.plot{border:1px solid #ddd;max-width:100%;height:auto}.note{color:#555;font-size:.85rem}"
        + ".cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{border:1px solid #ccc;border-radius:6px;padding:.6rem 1rem;min-width:10rem}"
        + ".card b{display:block;font-size:1.3rem}";

    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        IReadOnlyList<PlotImage> plots = ReportPlots.Render(report);
        PlotImage Plot(string id) => plots.Single(p => p.Id == id);
        ChipDetail d = report.Detail;
        RunSettings s = report.Settings;
        int detailIndex = IndexOfTimesteps(report, d.Timesteps);
        var w = new HtmlWriter();
        w.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>NeuroChip run report</title><style>")
            .Raw(Style).Raw("</style></head><body>");
        w.Element("h1", $"NeuroChip run: {s.ModelSource} on {s.Dataset}, {s.Chip}");
        w.Raw("<p class=\"note\">").Text($"Conversion {s.Conversion}; T = {string.Join(", ", s.Timesteps)}; {s.TestSamples} test samples; seed {s.Seed}; {s.Threads} thread(s); schema version {report.SchemaVersion}.").Raw("</p>");

        w.Raw("<div class=\"cards\">");
        Card(w, "ANN accuracy", () => w.Number("model.annAccuracy", report.Model.AnnAccuracy, "F2", 100, "%"));
        Card(w, $"chip SNN accuracy, T = {d.Timesteps}", () => w.Number($"accuracy[{detailIndex}].chipSnn", report.Accuracy[detailIndex].ChipSnn, "F2", 100, "%"));
        Card(w, "energy per inference", () => w.Number($"perTimestep[{detailIndex}].energyPerInferencePj", report.PerTimestep[detailIndex].EnergyPerInferencePj, "N1", 1e-3, "nJ"));
        Card(w, "synaptic ops per inference", () => w.Number($"perTimestep[{detailIndex}].synapticOpsPerInference", report.PerTimestep[detailIndex].SynapticOpsPerInference, "N0"));
        Card(w, "chip time per inference", () => w.Number("detail.timing.inferenceNs", d.Timing.InferenceNs, "N2", 1e-3, "µs"));
        Card(w, "cores used", () => w.Number("model.coresUsed", report.Model.CoresUsed, "N0"));
        Card(w, "run wall time", () => w.Number("totalWallSeconds", report.TotalWallSeconds, "F2", 1, "s"));
        w.Raw("</div>");

        AccuracySection(w, report, Plot("plot-accuracy"));
        WorkSection(w, report);
        EnergySection(w, d, Plot("plot-energy-operation"), Plot("plot-energy-core"));
        TimingSection(w, d.Timing);
        UtilisationSection(w, d, Plot("plot-utilisation"));
        w.Element("h2", "Link load");
        w.Raw("<p class=\"note\">").Text($"Packets per inference on each mesh link at T = {d.Timesteps}, both directions summed; placement cost {d.Placement.Cost:G4} against {d.Placement.NaiveCost:G4} for naive row-major placement.").Raw("</p>");
        w.Image(Plot("plot-link-load"));
        ActivitySection(w, d, Plot("plot-raster"), Plot("plot-firing-rate"));
        QuantisationSection(w, d);
        ConversionSection(w, report.Model);
        CoefficientSection(w, report.Coefficients);
        StepSection(w, report);
        w.Raw("</body></html>");
        return w.ToString();
    }

    private static int IndexOfTimesteps(RunReport report, int timesteps)
    {
        for (int i = 0; i < report.Accuracy.Count; i++)
        {
            if (report.Accuracy[i].Timesteps == timesteps)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The report has no accuracy row for its detail T = {timesteps}.");
    }

    private static void Card(HtmlWriter w, string title, Action value)
    {
        w.Raw("<div class=\"card\">").Text(title).Raw("<b>");
        value();
        w.Raw("</b></div>");
    }

    private static void AccuracySection(HtmlWriter w, RunReport report, PlotImage plot)
    {
        w.Element("h2", "Accuracy against T");
        w.Image(plot);
        w.Raw("<table id=\"table-accuracy\">").HeaderRow("T", "ANN", "float SNN", "chip SNN (event engine)", "samples");
        for (int i = 0; i < report.Accuracy.Count; i++)
        {
            AccuracyRow a = report.Accuracy[i];
            w.Raw("<tr>").NumberCell($"accuracy[{i}].timesteps", a.Timesteps, "N0")
                .NumberCell($"accuracy[{i}].ann", a.Ann, "F2", 100, "%")
                .NumberCell($"accuracy[{i}].floatSnn", a.FloatSnn, "F2", 100, "%")
                .NumberCell($"accuracy[{i}].chipSnn", a.ChipSnn, "F2", 100, "%")
                .NumberCell($"accuracy[{i}].samples", a.Samples, "N0").Raw("</tr>");
        }

        w.Raw("</table>");
    }

    private static void WorkSection(HtmlWriter w, RunReport report)
    {
        w.Element("h2", "Chip work per inference");
        w.Raw("<table id=\"table-work\">").HeaderRow("T", "spikes", "synaptic ops", "packets", "hops E-W", "hops N-S", "dynamic energy", "static energy", "energy", "chip time", "engine wall time");
        for (int i = 0; i < report.PerTimestep.Count; i++)
        {
            ChipRunSummary r = report.PerTimestep[i];
            string p = $"perTimestep[{i}].";
            w.Raw("<tr>").NumberCell(p + "timesteps", r.Timesteps, "N0")
                .NumberCell(p + "spikesPerInference", r.SpikesPerInference, "N1")
                .NumberCell(p + "synapticOpsPerInference", r.SynapticOpsPerInference, "N1")
                .NumberCell(p + "packetsPerInference", r.PacketsPerInference, "N1")
                .NumberCell(p + "hopsEastWestPerInference", r.HopsEastWestPerInference, "N1")
                .NumberCell(p + "hopsNorthSouthPerInference", r.HopsNorthSouthPerInference, "N1")
                .NumberCell(p + "dynamicEnergyPerInferencePj", r.DynamicEnergyPerInferencePj, "N2", 1e-3, "nJ")
                .NumberCell(p + "staticEnergyPerInferencePj", r.StaticEnergyPerInferencePj, "N2", 1e-3, "nJ")
                .NumberCell(p + "energyPerInferencePj", r.EnergyPerInferencePj, "N2", 1e-3, "nJ")
                .NumberCell(p + "chipNsPerInference", r.ChipNsPerInference, "N2", 1e-3, "µs")
                .NumberCell(p + "wallSecondsPerInference", r.WallSecondsPerInference, "F3", 1e3, "ms").Raw("</tr>");
        }

        w.Raw("</table>");
    }

    private static void EnergySection(HtmlWriter w, ChipDetail d, PlotImage byOperation, PlotImage byCore)
    {
        w.Element("h2", $"Energy per inference (T = {d.Timesteps})");
        w.Image(byOperation);
        w.Raw("<table id=\"table-energy-operation\">").HeaderRow("operation", "count", "coefficient", "energy", "source");
        for (int i = 0; i < d.EnergyByOperation.Count; i++)
        {
            EnergyRow e = d.EnergyByOperation[i];
            string p = $"detail.energyByOperation[{i}].";
            w.Raw("<tr>").TextCell(e.Operation).NumberCell(p + "countPerInference", e.CountPerInference, "N1", 1, e.CountUnit)
                .NumberCell(p + "coefficient", e.Coefficient, "G6", 1, e.CoefficientUnit)
                .NumberCell(p + "energyPj", e.EnergyPj, "N3", 1e-3, "nJ").Raw("<td class=\"text\">").Text(e.Source).Raw("</td></tr>");
        }

        w.Raw("<tr><th>total</th><td></td><td></td><td>")
            .Number("detail.dynamicEnergyPerInferencePj", d.DynamicEnergyPerInferencePj, "N3", 1e-3, "nJ").Raw(" dynamic + ")
            .Number("detail.staticEnergyPerInferencePj", d.StaticEnergyPerInferencePj, "N3", 1e-3, "nJ").Raw(" static</td><td></td></tr></table>");

        w.Element("h3", "By core and by layer");
        w.Image(byCore);
        w.Raw("<table id=\"table-energy-layer\">").HeaderRow("layer", "cores", "dynamic energy");
        for (int i = 0; i < d.EnergyByLayer.Count; i++)
        {
            LayerEnergyRow l = d.EnergyByLayer[i];
            w.Raw("<tr>").TextCell(l.Layer).NumberCell($"detail.energyByLayer[{i}].cores", l.Cores, "N0")
                .NumberCell($"detail.energyByLayer[{i}].energyPj", l.EnergyPj, "N3", 1e-3, "nJ").Raw("</tr>");
        }

        w.Raw("</table>");
        AnnBaseline b = d.Baseline;
        w.Element("h3", "ANN baseline");
        w.Raw("<p class=\"note\">").Text(b.Label + ". " + b.MacConvention).Raw("</p>");
        w.Raw("<table id=\"table-baseline\">").HeaderRow("network", "operations per inference", "energy per operation", "energy per inference");
        w.Raw("<tr>").TextCell("ANN (MACs)").NumberCell("detail.baseline.macsPerInference", b.MacsPerInference, "N0")
            .NumberCell("detail.baseline.macEnergyPj", b.MacEnergyPj, "G4", 1, "pJ")
            .NumberCell("detail.baseline.annEnergyPerInferencePj", b.AnnEnergyPerInferencePj, "N3", 1e-3, "nJ").Raw("</tr>");
        w.Raw("<tr>").TextCell("SNN (synaptic ops as ACs)").NumberCell("detail.baseline.acsPerInference", b.AcsPerInference, "N1")
            .NumberCell("detail.baseline.acEnergyPj", b.AcEnergyPj, "G4", 1, "pJ")
            .NumberCell("detail.baseline.snnAcEnergyPerInferencePj", b.SnnAcEnergyPerInferencePj, "N3", 1e-3, "nJ").Raw("</tr></table>");
    }

    private static void TimingSection(HtmlWriter w, TimingSummary t)
    {
        w.Element("h2", "Timing per inference");
        w.Raw("<p class=\"note\">").Text($"Discrete-event replay of every tick of test sample {t.Sample}.").Raw("</p>");
        w.Raw("<table id=\"table-timing\">").HeaderRow("quantity", "value");
        void Row(string name, string key, double value, string format, double scale, string unit)
        {
            w.Raw("<tr>").TextCell(name).NumberCell(key, value, format, scale, unit).Raw("</tr>");
        }

        Row("ticks", "detail.timing.ticks", t.Ticks, "N0", 1, "");
        Row("time per inference", "detail.timing.inferenceNs", t.InferenceNs, "N2", 1e-3, "µs");
        Row("mean tick", "detail.timing.meanTickNs", t.MeanTickNs, "N1", 1, "ns");
        Row("slowest tick", "detail.timing.maxTickNs", t.MaxTickNs, "N1", 1, "ns");
        Row("slowest tick index", "detail.timing.slowestTick", t.SlowestTick, "N0", 1, "");
        w.Raw("<tr>").TextCell("critical core").Raw("<td>").Number("detail.timing.criticalCore", t.CriticalCore, "N0").Text($" ({t.CriticalCoreLabel}, last to finish in ")
            .Number("detail.timing.criticalCoreTicks", t.CriticalCoreTicks, "N0").Raw(" ticks)</td></tr>");
        w.Raw("<tr>").TextCell("critical link").Raw("<td>").Number("detail.timing.criticalLink", t.CriticalLink, "N0").Text($" ({t.CriticalLinkDescription})").Raw("</td></tr>");
        Row("network-bound ticks", "detail.timing.networkBoundTicks", t.NetworkBoundTicks, "N0", 1, "");
        w.Raw("</table>");
    }

    private static void UtilisationSection(HtmlWriter w, ChipDetail d, PlotImage plot)
    {
        UtilisationSummary u = d.Utilisation;
        w.Element("h2", "Per-core utilisation");
        w.Image(plot);
        w.Raw("<table id=\"table-utilisation\">").HeaderRow("core", "slice", "neurons", "profiles", "fan-in axons", "synapse memory (bits)", "fan-out routes", "synapses");
        w.Raw("<tr><th>limit</th><th></th>").NumberCell("detail.utilisation.maxNeurons", u.MaxNeurons, "N0")
            .NumberCell("detail.utilisation.maxNeuronProfiles", u.MaxNeuronProfiles, "N0")
            .NumberCell("detail.utilisation.maxFanInAxons", u.MaxFanInAxons, "N0")
            .NumberCell("detail.utilisation.synapseMemoryBits", u.SynapseMemoryBits, "N0")
            .NumberCell("detail.utilisation.maxFanOutRoutes", u.MaxFanOutRoutes, "N0").Raw("<td></td></tr>");
        for (int i = 0; i < u.Cores.Count; i++)
        {
            CoreUtilisationRow c = u.Cores[i];
            string p = $"detail.utilisation.cores[{i}].";
            w.Raw("<tr>").NumberCell(p + "coreId", c.CoreId, "N0").Raw("<td class=\"text\">").Text(c.Label).Raw("</td>")
                .NumberCell(p + "neurons", c.Neurons, "N0").NumberCell(p + "profiles", c.Profiles, "N0")
                .NumberCell(p + "fanInAxons", c.FanInAxons, "N0").NumberCell(p + "synapseBits", c.SynapseBits, "N0")
                .NumberCell(p + "fanOutRoutes", c.FanOutRoutes, "N0").NumberCell(p + "synapses", c.Synapses, "N0").Raw("</tr>");
        }

        w.Raw("</table>");
    }

    private static void ActivitySection(HtmlWriter w, ChipDetail d, PlotImage raster, PlotImage rates)
    {
        w.Element("h2", "Spikes");
        w.Image(raster);
        w.Image(rates);
        w.Raw("<table id=\"table-layers\">").HeaderRow("layer", "neurons", "spikes per inference", "firing rate (spikes / neuron / tick)", "spikes in the raster sample");
        for (int i = 0; i < d.Layers.Count; i++)
        {
            LayerActivity l = d.Layers[i];
            int inRaster = d.Raster.Layer.Count(x => x == i);
            w.Raw("<tr>").TextCell(l.Layer).NumberCell($"detail.layers[{i}].neurons", l.Neurons, "N0")
                .NumberCell($"detail.layers[{i}].spikesPerInference", l.SpikesPerInference, "N2")
                .NumberCell($"detail.layers[{i}].firingRate", l.FiringRate, "G4")
                .Element("td", inRaster.ToString(System.Globalization.CultureInfo.InvariantCulture)).Raw("</tr>");
        }

        w.Raw("</table>");
    }

    private static void QuantisationSection(HtmlWriter w, ChipDetail d)
    {
        w.Element("h2", "Quantisation");
        w.Raw("<table id=\"table-quantisation\">").HeaderRow("layer", "quantity", "count", "clipped", "max error", "rms error", "max |value|");
        for (int i = 0; i < d.Quantisation.Count; i++)
        {
            var q = d.Quantisation[i];
            string p = $"detail.quantisation[{i}].";
            w.Raw("<tr>").TextCell(q.Layer).TextCell(q.Quantity).NumberCell(p + "count", q.Count, "N0")
                .NumberCell(p + "clippedFraction", q.ClippedFraction, "F2", 100, "%")
                .NumberCell(p + "maxAbsError", q.MaxAbsError, "G4").NumberCell(p + "rmsError", q.RmsError, "G4")
                .NumberCell(p + "maxAbsValue", q.MaxAbsValue, "G4").Raw("</tr>");
        }

        w.Raw("</table>");
    }

    private static void ConversionSection(HtmlWriter w, ModelSummary m)
    {
        w.Element("h2", "Conversion");
        w.Raw("<p class=\"note\">").Text("ANN: " + string.Join(" → ", m.AnnNodes)).Raw("</p>");
        w.Raw("<table id=\"table-conversion\">").HeaderRow("layer", "threshold θ", "max activation", "mean |bias correction|", "mean |potential correction|");
        for (int i = 0; i < m.Conversion.Count; i++)
        {
            ConversionLayerRow c = m.Conversion[i];
            string p = $"model.conversion[{i}].";
            w.Raw("<tr>").TextCell(c.Node).NumberCell(p + "threshold", c.Threshold, "G5").NumberCell(p + "maxActivation", c.MaxActivation, "G5")
                .NumberCell(p + "biasCorrection", c.BiasCorrection, "G4").NumberCell(p + "potentialCorrection", c.PotentialCorrection, "G4").Raw("</tr>");
        }

        w.Raw("</table>");
    }

    private static void CoefficientSection(HtmlWriter w, IReadOnlyList<CoefficientRow> coefficients)
    {
        w.Element("h2", "Coefficients and their sources");
        w.Raw("<table id=\"table-coefficients\">").HeaderRow("kind", "operation", "value", "source");
        for (int i = 0; i < coefficients.Count; i++)
        {
            CoefficientRow c = coefficients[i];
            w.Raw("<tr>").TextCell(c.Kind).TextCell(c.Operation).NumberCell($"coefficients[{i}].value", c.Value, "G6", 1, c.Unit)
                .Raw("<td class=\"text\">").Text(c.Source).Raw("</td></tr>");
        }

        w.Raw("</table>");
    }

    private static void StepSection(HtmlWriter w, RunReport report)
    {
        w.Element("h2", "Wall time by step");
        w.Raw("<table id=\"table-steps\">").HeaderRow("step", "detail", "seconds");
        for (int i = 0; i < report.Steps.Count; i++)
        {
            StepTime s = report.Steps[i];
            w.Raw("<tr>").TextCell(s.Step).TextCell(s.Detail).NumberCell($"steps[{i}].seconds", s.Seconds, "F3", 1, "s").Raw("</tr>");
        }

        w.Raw("<tr><th>total</th><td></td>").NumberCell("totalWallSeconds", report.TotalWallSeconds, "F3", 1, "s").Raw("</tr></table>");
    }
}
