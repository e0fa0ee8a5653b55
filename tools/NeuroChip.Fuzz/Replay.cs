using System.Diagnostics;

namespace NeuroChip.Fuzz;

/// <summary>
/// Re-runs saved inputs (a corpus, or the crashes afl-fuzz found) through the same checks as fuzzing and prints
/// the count, failures, and the peaks: time per input, bytes allocated per input, and the process's peak RSS.
/// </summary>
internal static class Replay
{
    public static int Run(FuzzTarget target, IEnumerable<string> paths)
    {
        Warmup.Run(target);
        var guard = new InputGuard(target);
        int inputs = 0;
        int failures = 0;
        long peakRatioInput = 0;
        foreach (string file in paths.SelectMany(Files))
        {
            byte[] input = File.ReadAllBytes(file);
            inputs++;
            long before = guard.PeakAllocatedBytes;
            try
            {
                guard.Run(input);
            }
            catch (Exception e)
            {
                failures++;
                Console.WriteLine($"FAIL {file}: {e.GetType().FullName}: {e.Message}");
                Console.WriteLine(e.StackTrace);
            }

            if (guard.PeakAllocatedBytes > before)
            {
                peakRatioInput = input.Length;
            }
        }

        Process self = Process.GetCurrentProcess();
        Console.WriteLine(
            $"{target.Name}: inputs={inputs} failures={failures} peak_ms={guard.PeakTime.TotalMilliseconds:F1} "
            + $"peak_alloc_bytes={guard.PeakAllocatedBytes} (input of {peakRatioInput} bytes) peak_rss_mib={self.PeakWorkingSet64 / (1024.0 * 1024):F1}");
        return failures == 0 ? 0 : 1;
    }

    private static IEnumerable<string> Files(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.') && Path.GetFileName(f) != "README.txt" && !f.Contains("/.state/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
            : [path];
}
