using NeuroChip.EventSim;

namespace NeuroChip.Pipeline.Run;

/// <summary>
/// Where a run writes: a staging directory beside the output directory, created before any work (so an unwritable
/// destination fails at once), moved into place file by file only after every file is complete, and deleted if the
/// run fails — a failed run leaves no report behind.
/// </summary>
internal sealed class OutputStaging : IDisposable
{
    private bool committed;

    private OutputStaging(string destination, string staging)
    {
        Destination = destination;
        Directory = staging;
    }

    public string Destination { get; }

    /// <summary>The staging directory the run writes into.</summary>
    public string Directory { get; }

    public static OutputStaging Create(string outputDirectory)
    {
        string destination = Path.GetFullPath(outputDirectory);
        if (File.Exists(destination))
        {
            throw new UserInputException($"--out '{outputDirectory}' is a file; give a directory (it is created if missing).");
        }

        string parent = Path.GetDirectoryName(destination) ?? destination;
        string staging = Path.Combine(parent, $".{Path.GetFileName(destination)}.staging-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            System.IO.Directory.CreateDirectory(staging);
            string probe = Path.Combine(staging, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            if (System.IO.Directory.Exists(destination))
            {
                string destinationProbe = Path.Combine(destination, $".write-test-{Guid.NewGuid():N}");
                File.WriteAllText(destinationProbe, "");
                File.Delete(destinationProbe);
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            TryDelete(staging);
            throw new UserInputException($"--out '{outputDirectory}' is not writable ({FirstLine(e.Message)}); choose a directory you can write to with --out DIR.", e);
        }

        return new OutputStaging(destination, staging);
    }

    /// <summary>Moves every staged file into the destination (created if missing), replacing files of the same name.</summary>
    public void Commit()
    {
        try
        {
            if (!System.IO.Directory.Exists(Destination))
            {
                System.IO.Directory.Move(Directory, Destination);
            }
            else
            {
                foreach (string file in System.IO.Directory.GetFiles(Directory))
                {
                    File.Move(file, Path.Combine(Destination, Path.GetFileName(file)), overwrite: true);
                }

                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UserInputException($"Cannot move the report into '{Destination}' ({FirstLine(e.Message)}); choose a writable directory with --out DIR.", e);
        }

        committed = true;
    }

    public void Dispose()
    {
        if (!committed)
        {
            TryDelete(Directory);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim().TrimEnd('.');

    private static void TryDelete(string directory)
    {
        try
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // best effort: the error that stopped the run is the one to report
        }
    }
}
