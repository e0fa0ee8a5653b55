namespace NeuroChip.EventSim.Serialization;

/// <summary>
/// Writes files so that a failure leaves nothing half-written: the content goes to a temporary file
/// beside the target and is renamed over it only when complete.
/// </summary>
public static class AtomicFile
{
    /// <summary>Fails early, before any work, when <paramref name="path"/> could not be written later.</summary>
    public static void EnsureDirectoryExists(string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new UserInputException($"Cannot write '{path}': the directory '{directory}' does not exist. Create it or choose another output path.");
        }
    }

    public static void Write(string path, Action<Stream> write)
    {
        EnsureDirectoryExists(path);
        string full = Path.GetFullPath(path);

        string temp = full + "." + Environment.ProcessId + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (UnauthorizedAccessException e)
        {
            TryDelete(temp);
            throw new UserInputException($"Cannot write '{path}': permission denied. Choose a writable output path.", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // best effort: the original error is the one the user needs
        }
    }
}
