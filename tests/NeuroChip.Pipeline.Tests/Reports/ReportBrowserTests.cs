using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using NeuroChip.Pipeline.Reports;
namespace NeuroChip.Pipeline.Tests.Reports;

/// <summary>report.html in Debian's headless Chromium: every plot rendered, every number equal to report.json, no request leaves the file.</summary>
public sealed class ReportBrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Set to a path (e.g. docs/images/report.png) to keep a copy of the screenshot.</summary>
    private const string ScreenshotCopyVariable = "NEUROCHIP_REPORT_SCREENSHOT";

    private readonly string root = Directory.CreateTempSubdirectory("neurochip-report-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task ReportHtml_OpenedInChromium_PlotsRenderedAndNumbersEqualJson()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (./test.sh does).");
        string output = Path.Combine(root, "out");
        RunPipeline.Run(new RunOptions { Limit = 40, TrainEpochs = 3, Timesteps = [4, 8], OutputDirectory = output, Threads = 2 });
        string html = Path.Combine(output, RunReportFiles.HtmlName);
        using JsonDocument json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, RunReportFiles.JsonName)));

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        string url = new Uri(html).AbsoluteUri;
        await page.GotoAsync(url);

        // Seven plots, each a decoded 720 × 360 PNG with more than one colour in it (drawn, not blank).
        string[] expectedPlots = ["plot-accuracy", "plot-energy-operation", "plot-energy-core", "plot-utilisation", "plot-link-load", "plot-raster", "plot-firing-rate"];
        Assert.Equal(expectedPlots, await page.EvalOnSelectorAllAsync<string[]>("img.plot", "els => els.map(e => e.id)"));
        foreach (string id in expectedPlots)
        {
            JsonElement image = await page.EvalOnSelectorAsync<JsonElement>($"#{id}", """
                img => {
                  const c = document.createElement('canvas');
                  c.width = img.naturalWidth; c.height = img.naturalHeight;
                  const g = c.getContext('2d');
                  g.drawImage(img, 0, 0);
                  const d = g.getImageData(0, 0, c.width, c.height).data;
                  const colours = new Set();
                  let dark = 0;
                  for (let i = 0; i < d.length; i += 4) {
                    if (colours.size < 64) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
                    if (d[i] + d[i + 1] + d[i + 2] < 384) dark++;
                  }
                  return { complete: img.complete, width: img.naturalWidth, height: img.naturalHeight, colours: colours.size, darkPixels: dark };
                }
                """);
            Assert.True(image.GetProperty("complete").GetBoolean(), id);
            Assert.Equal(ReportPlots.WidthPx, image.GetProperty("width").GetInt32());
            Assert.Equal(ReportPlots.HeightPx, image.GetProperty("height").GetInt32());
            int colours = image.GetProperty("colours").GetInt32(), dark = image.GetProperty("darkPixels").GetInt32();
            Assert.True(colours > 3, $"{id} has {colours} colours: blank");
            Assert.True(dark > 500, $"{id} has only {dark} dark pixels: no axes or text drawn");
        }

        // Every number on the page names its JSON path; its value equals report.json, and its text shows that value.
        JsonElement found = await page.EvalOnSelectorAllAsync<JsonElement>(
            "span.num", "els => els.map(e => [e.dataset.key, e.dataset.value, e.dataset.scale, e.textContent])");
        NumberOnPage[] numbers = [.. found.EnumerateArray().Select(e => new NumberOnPage(e[0].GetString()!, e[1].GetString()!, e[2].GetString()!, e[3].GetString()!))];
        Assert.True(numbers.Length > 100, $"only {numbers.Length} numbers on the page");
        foreach (NumberOnPage n in numbers)
        {
            double expected = Resolve(json.RootElement, n.Key);
            double shown = double.Parse(n.Value, CultureInfo.InvariantCulture);
            Assert.True(expected.Equals(shown), $"{n.Key}: page {shown}, report.json {expected}");
            double scale = double.Parse(n.Scale, CultureInfo.InvariantCulture);
            if (double.IsFinite(expected))
            {
                // The text is "number [unit]"; it must round the value × scale to the digits shown (half a unit in the last place).
                string token = n.Text.Split(' ')[0];
                double text = double.Parse(token, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                int e = token.IndexOfAny(['E', 'e']);
                string mantissa = e < 0 ? token : token[..e];
                int exponent = e < 0 ? 0 : int.Parse(token[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                int decimals = mantissa.Contains('.', StringComparison.Ordinal) ? mantissa.Length - mantissa.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
                double halfUlp = 0.5 * Math.Pow(10, exponent - decimals);
                Assert.True(Math.Abs(text - (expected * scale)) <= halfUlp * (1 + 1e-9), $"{n.Key}: text '{n.Text}' for {expected} × {scale}");
            }
        }

        string[] keys = [.. numbers.Select(n => n.Key)];
        Assert.Contains("accuracy[1].chipSnn", keys);
        Assert.Contains("detail.timing.criticalCore", keys);
        Assert.Contains("detail.baseline.annEnergyPerInferencePj", keys);
        Assert.Contains("coefficients[0].value", keys);
        Assert.Contains("steps[0].seconds", keys);
        Assert.All(requests, r => Assert.True(r == url || r.StartsWith("data:", StringComparison.Ordinal), $"external request {r}"));

        string screenshot = Path.Combine(root, "report.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 50_000);
        if (Environment.GetEnvironmentVariable(ScreenshotCopyVariable) is { Length: > 0 } copy)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = copy, FullPage = false });
        }
    }

    /// <summary>The number at a path like <c>detail.energyByOperation[2].energyPj</c>; JSON's "NaN" string is NaN.</summary>
    private static double Resolve(JsonElement root, string path)
    {
        JsonElement at = root;
        foreach (string part in path.Split('.'))
        {
            int bracket = part.IndexOf('[', StringComparison.Ordinal);
            string name = bracket < 0 ? part : part[..bracket];
            Assert.True(at.TryGetProperty(name, out at), $"report.json has no '{name}' in '{path}'");
            if (bracket >= 0)
            {
                at = at[int.Parse(part[(bracket + 1)..^1], CultureInfo.InvariantCulture)];
            }
        }

        return at.ValueKind == JsonValueKind.String ? double.Parse(at.GetString()!, CultureInfo.InvariantCulture) : at.GetDouble();
    }

    private sealed record NumberOnPage(string Key, string Value, string Scale, string Text);
}
