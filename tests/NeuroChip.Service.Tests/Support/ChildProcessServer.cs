using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
namespace NeuroChip.Service.Tests.Support;

/// <summary>The service's own executable run as a child process, so a test can kill it with SIGKILL.</summary>
internal sealed class ChildProcessServer : IDisposable
{
    private readonly Process process;

    private ChildProcessServer(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => process.Id;

    public static async Task<ChildProcessServer> StartAsync(string dataDirectory, int workers, int queueCapacity)
    {
        int port = FreeLoopbackPort();
        string serviceDll = typeof(ServiceHost).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "exec", serviceDll,
            "--urls", $"http://127.0.0.1:{port}",
            "--data-dir", dataDirectory,
            "--workers", workers.ToString(CultureInfo.InvariantCulture),
            "--requests-per-second", "100000",
            "--queue-capacity", queueCapacity.ToString(CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default", "Warning",
        })
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start the service process");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ChildProcessServer(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(2) };
        DateTime end = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < end)
        {
            Assert.False(process.HasExited, $"the service exited with code {(process.HasExited ? process.ExitCode : 0)} while starting");
            try
            {
                using HttpResponseMessage health = await probe.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }

            await Task.Delay(100);
        }

        server.Kill();
        throw new TimeoutException("the service did not answer /health within 30 s");
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", token);
        return client;
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
