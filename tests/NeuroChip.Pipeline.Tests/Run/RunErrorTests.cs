using System.Reflection;
namespace NeuroChip.Pipeline.Tests.Run;

[CollectionDefinition(nameof(ConsoleUsers), DisableParallelization = true)]
public sealed class ConsoleUsers;

/// <summary>
/// <c>neurochip run</c> through the real command line (the neurochip assembly's entry point): each user error is one
/// line on stderr with the fix, exit code 2, and no report or staging directory left behind.
/// </summary>
[Collection(nameof(ConsoleUsers))]
public sealed class RunErrorTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("neurochip-errors-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Run_UnknownChipPreset_OneLineExitCode2NoReport()
    {
        string output = Path.Combine(root, "out");
        (int code, string error) = Cli("run", "--chip", "nc-nonexistent", "--out", output);
        AssertRefused(code, error, output, "nc-nonexistent", "nc-ref");
    }

    [Fact]
    public void Run_UnreadableModel_OneLineExitCode2NoReport()
    {
        string model = Path.Combine(root, "broken.onnx");
        File.WriteAllBytes(model, [0xFF, 0xFF, 0xFF, 0x0F, 0x08, 0x01, 0x42]);
        string output = Path.Combine(root, "out");
        (int code, string error) = Cli("run", "--model", model, "--out", output);
        AssertRefused(code, error, output, "broken.onnx", "ONNX");
    }

    [Fact]
    public void Run_MissingModelFile_OneLineExitCode2NoReport()
    {
        string output = Path.Combine(root, "out");
        (int code, string error) = Cli("run", "--model", Path.Combine(root, "absent.onnx"), "--out", output);
        AssertRefused(code, error, output, "absent.onnx", "does not exist");
    }

    [Fact]
    public void Run_FashionMnistFilesMissing_NamesDebianPackageExitCode2NoReport()
    {
        string empty = Directory.CreateDirectory(Path.Combine(root, "empty")).FullName;
        string output = Path.Combine(root, "out");
        (int code, string error) = Cli("run", "--dataset", "fashion-mnist", "--data-dir", empty, "--out", output);
        AssertRefused(code, error, output, "dataset-fashion-mnist", "apt-get install");
    }

    [Fact]
    public void Run_OutputUnderAFile_NotWritableExitCode2NoReport()
    {
        string file = Path.Combine(root, "plain-file");
        File.WriteAllText(file, "not a directory");
        string output = Path.Combine(file, "out");
        (int code, string error) = Cli("run", "--out", output, "--limit", "5");
        AssertRefused(code, error, output, "not writable", "--out");
        Assert.Equal("not a directory", File.ReadAllText(file));
    }

    [Fact]
    public void Report_NotARunReport_OneLineExitCode2NoHtml()
    {
        string json = Path.Combine(root, "other.json");
        File.WriteAllText(json, "{\"schemaVersion\": 99}");
        string html = Path.Combine(root, "page.html");
        (int code, string error) = Cli("report", json, "--out", html);
        Assert.Equal(2, code);
        Assert.Contains("schema version 1", error, StringComparison.Ordinal);
        Assert.False(File.Exists(html));
    }

    [Fact]
    public void RunPipeline_EachUserError_MessageIsOneLine()
    {
        string model = Path.Combine(root, "broken.onnx");
        File.WriteAllBytes(model, [0xFF, 0xFF, 0xFF, 0x0F]);
        string file = Path.Combine(root, "plain-file");
        File.WriteAllText(file, "");
        string empty = Directory.CreateDirectory(Path.Combine(root, "empty")).FullName;
        string output = Path.Combine(root, "out");
        RunOptions[] cases =
        [
            new() { Chip = "nc-nonexistent", OutputDirectory = output },
            new() { ModelPath = model, OutputDirectory = output },
            new() { Dataset = "fashion-mnist", DataDirectory = empty, OutputDirectory = output },
            new() { OutputDirectory = Path.Combine(file, "out") },
        ];
        foreach (RunOptions options in cases)
        {
            var e = Assert.Throws<NeuroChip.EventSim.UserInputException>(() => RunPipeline.Run(options));
            Assert.DoesNotContain('\n', e.Message);
            Assert.False(Directory.Exists(output));
        }
    }

    private void AssertRefused(int code, string error, string output, params string[] mentions)
    {
        Assert.Equal(2, code);

        // Spectre soft-wraps long lines at the console width (80 columns when redirected) after a space; the message
        // itself is one line, so joining the wrapped pieces gives it back.
        string line = error.Replace("\n", "", StringComparison.Ordinal).Trim();
        Assert.StartsWith("error:", line, StringComparison.Ordinal);
        foreach (string mention in mentions)
        {
            Assert.Contains(mention, line, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(output), $"{output} was left behind");
        Assert.Empty(Directory.GetDirectories(root, ".out.staging-*"));
        Assert.Empty(Directory.GetFiles(root, "report.*", SearchOption.AllDirectories));
    }

    private static (int Code, string Error) Cli(params string[] args)
    {
        MethodInfo main = Assembly.Load("neurochip").EntryPoint!;
        TextWriter previous = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        try
        {
            int code = (int)main.Invoke(null, [args])!;
            return (code, error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }
}
