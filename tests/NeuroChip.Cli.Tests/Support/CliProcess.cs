using System.Diagnostics;

namespace NeuroChip.Cli.Tests.Support;

/// <summary>What one run of the command line left: its exit code and its two streams.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Fails the test, showing both streams, unless the command exited with 0.</summary>
    public CliResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}");
        return this;
    }
}

/// <summary>
/// Runs the real <c>neurochip</c> executable (the CLI's own assembly, built with this project) as a child process with
/// <c>dotnet exec</c>, so every verb goes through its parser, its host and the console exactly as a user's does.
/// </summary>
internal static class CliProcess
{
    /// <summary>Guards only against a hung child: every run here takes seconds.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "neurochip.dll");

    /// <summary>The repository root (the directory holding NeuroChip.sln), for the files under examples/.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Example(string name) => Path.Combine(RepositoryRoot, "examples", name);

    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Dll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        return start;
    }

    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args)
    {
        using Process process = Process.Start(StartInfo(workingDirectory, args)) ?? throw new InvalidOperationException("could not start dotnet");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"neurochip {string.Join(' ', args)} still running after {HangGuard.TotalMinutes} min: hung");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NeuroChip.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no NeuroChip.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>A fresh directory under the system's temporary directory, deleted with its contents on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("neurochip-cli-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a child process may still hold a file for a moment; the OS cleans the temporary directory
        }
    }
}
