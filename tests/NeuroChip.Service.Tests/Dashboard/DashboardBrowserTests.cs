using Microsoft.Playwright;
namespace NeuroChip.Service.Tests.Dashboard;

/// <summary>The dashboard in Debian's headless Chromium: it lists a job submitted through the API and shows it turn to done.</summary>
public sealed class DashboardBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Dashboard_JobSubmittedThroughApi_ListedAndTurnsDone()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (./test.sh does).");
        await using InProcessServer server = await InProcessServer.StartAsync(workers: 1, queueCapacity: 8);
        string token = server.CreateKey("browser");
        using HttpClient client = server.Client(token);

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        IPage page = await browser.NewPageAsync();
        var offsite = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(server.Address.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                offsite.Add(request.Url);
            }
        };

        await page.GotoAsync(new Uri(server.Address, "/dashboard").ToString());
        await page.FillAsync("#api-key", token);
        await page.ClickAsync("#use-key");

        // A job of 6,000 ticks on a 4,096-neuron bias clock (seconds of work) is submitted after the page is watching.
        using HttpResponseMessage submitted = await client.SubmitImageAsync(TestImages.BiasClock(4, 1024), "clock.json", "{\"ticks\": 6000}");
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        string id = System.Text.Json.JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        ILocator row = page.Locator($"tr[data-job-id='{id}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });
        // The job may already be done by the first poll (the engine runs it in well under a second on a quiet
        // machine), so the intermediate state is not asserted; the row must show a real state and end at done.
        await Assertions.Expect(row.Locator("td.state")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(queued|running|done)$"));
        await Assertions.Expect(row.Locator("td.state")).ToHaveTextAsync("done", new() { Timeout = 30_000 });
        await Assertions.Expect(row.Locator("td.reports a")).ToHaveCountAsync(3);
        await Assertions.Expect(row.Locator("td.reports")).ToContainTextAsync("report.html");

        // 4 cores x 1,024 neurons x floor(6000 / 7) = 4,096 x 857 = 3,510,272 spikes (bias clock hand count).
        await Assertions.Expect(row.Locator("td.summary")).ToContainTextAsync("spikes 3510272");

        // The Run button submits the selected example with its own kind: the run example's job appears as a run job.
        await page.SelectOptionAsync("#example", "digits-mlp");
        await page.ClickAsync("#run-example");
        ILocator runRow = page.Locator("tr", new() { Has = page.Locator("td.kind", new() { HasTextString = "run" }) });
        await Assertions.Expect(runRow).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        Assert.Equal("\"" + token + "\"", await page.EvaluateAsync<string>("JSON.stringify(sessionStorage.getItem('neurochip.apiKey'))"));
        Assert.Empty(offsite);
    }
}
