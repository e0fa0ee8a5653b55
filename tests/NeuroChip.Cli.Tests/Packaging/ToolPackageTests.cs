using System.Diagnostics;
namespace NeuroChip.Cli.Tests.Packaging;

/// <summary>
/// The way a .NET user gets the command: <c>dotnet pack</c> makes the <c>neurochip</c> tool package,
/// <c>dotnet tool install --tool-path</c> installs it from that folder, and the installed command runs
/// the main job on the embedded data.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string root = Directory.CreateTempSubdirectory("neurochip-pack-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task PackInstallRun_ToolFromLocalFolder_RunsTheMainJobAndWritesTheReport()
    {
        string packages = Path.Combine(root, "packages");
        string tools = Path.Combine(root, "tools");
        string work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;

        // The CLI project was built with this test project; pack what was built.
        string project = Path.Combine(CliProcess.RepositoryRoot, "tools", "NeuroChip.Cli", "NeuroChip.Cli.csproj");
        (await RunAsync(root, "dotnet", "pack", project, "-c", Configuration, "--no-build", "-o", packages)).Succeeded();
        string package = Assert.Single(Directory.GetFiles(packages, "neurochip.*.nupkg"), p => !p.EndsWith(".snupkg", StringComparison.Ordinal));
        string version = Path.GetFileNameWithoutExtension(package)["neurochip.".Length..];

        (await RunAsync(root, "dotnet", "tool", "install", "neurochip", "--tool-path", tools, "--add-source", packages, "--version", version)).Succeeded();
        string command = Path.Combine(tools, "neurochip");
        Assert.True(File.Exists(command), $"no command at {command}");

        CliResult run = (await RunAsync(work, command, "run", "--timesteps", "8", "--limit", "40")).Succeeded();
        Assert.Contains("Wrote neurochip-out/report.json and neurochip-out/report.html.", run.Output, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(work, "neurochip-out", "report.json")).Length > 0);
        Assert.True(new FileInfo(Path.Combine(work, "neurochip-out", "report.html")).Length > 0);
    }

    private static async Task<CliResult> RunAsync(string directory, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(CliProcess.HangGuard);
        await process.WaitForExitAsync(guard.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
