using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
namespace NeuroChip.Service.Tests.Support;

/// <summary>The real service, started in this process on 127.0.0.1 with a port the OS picks.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TempDirectory? ownedDirectory;

    private InProcessServer(WebApplication app, string dataDirectory, TempDirectory? ownedDirectory, Uri address)
    {
        this.app = app;
        this.ownedDirectory = ownedDirectory;
        DataDirectory = dataDirectory;
        Address = address;
    }

    public string DataDirectory { get; }

    public Uri Address { get; }

    /// <summary>
    /// Starts the service on a new temporary data directory, or on <paramref name="dataDirectory"/> (kept
    /// afterwards: a restart of an earlier server); <paramref name="configureServices"/> as in <see cref="ServiceHost.Build"/>.
    /// </summary>
    public static async Task<InProcessServer> StartAsync(
        int workers = 2,
        int queueCapacity = 64,
        string? dataDirectory = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null,
        params string[] extraArgs)
    {
        TempDirectory? directory = dataDirectory is null ? new TempDirectory() : null;
        string path = dataDirectory ?? directory!.Path;
        WebApplication app = ServiceHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--data-dir", path,
            "--workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queue-capacity", queueCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--retry-after", "2",
            "--requests-per-second", "100000", // load tests submit as fast as they can; a test of the limiter sets its own
            "--Logging:LogLevel:Default", "Warning",
            .. extraArgs,
        ], configureServices);
        await app.StartAsync();
        return new InProcessServer(app, path, directory, new Uri(app.Urls.First()));
    }

    public string CreateKey(string name, KeyLimits? limits = null) => KeyAdministration.Create(DataDirectory, name, limits).Token;

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", token);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        ownedDirectory?.Dispose();
    }
}
