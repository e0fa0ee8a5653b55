namespace NeuroChip.EventSim.Tests.Serialization;

/// <summary>A write that fails part-way (a full disk) leaves the old file as it was and no partial or temporary file.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("neurochip-atomic-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Write_DiskFillsHalfwayThroughAReport_OldReportKeptNoPartialFileErrorSaysWhy()
    {
        string report = Path.Combine(directory, "report.json");
        File.WriteAllText(report, "{\"previous\": true}");

        // The device takes 4 KiB of the new report, then reports ENOSPC as .NET does: an IOException with the OS message.
        var e = Assert.Throws<IOException>(() => AtomicFile.Write(report, stream =>
        {
            stream.Write(new byte[4096]);
            stream.Flush();
            throw new IOException("No space left on device : 'report.json'");
        }));

        Assert.Contains("No space left on device", e.Message, StringComparison.Ordinal);
        Assert.Equal("{\"previous\": true}", File.ReadAllText(report));
        Assert.Equal(["report.json"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_NewFileFailsHalfway_NothingLeftBehind()
    {
        string report = Path.Combine(directory, "new.html");
        Assert.Throws<IOException>(() => AtomicFile.Write(report, stream =>
        {
            stream.Write(new byte[10]);
            throw new IOException("No space left on device");
        }));
        Assert.Empty(Directory.GetFiles(directory));
    }
}
