namespace NeuroChip.Service.Tests.Support;

/// <summary>A fresh directory under the system temp path, removed when disposed.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "neurochip-service-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a server child process may still hold a file for a moment; the temp area is cleaned by the OS
        }
    }
}
