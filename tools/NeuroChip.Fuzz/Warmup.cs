namespace NeuroChip.Fuzz;

/// <summary>
/// Runs the parser once on trivial inputs before fuzzing so one-time costs (JIT, serializer metadata) are not
/// charged to the first fuzzed input's allocation budget. Outcomes are ignored: this is not a test.
/// </summary>
internal static class Warmup
{
    public static void Run(FuzzTarget target)
    {
        foreach (byte[] input in new[] { "{}"u8.ToArray(), "{\"schemaVersion\":1}"u8.ToArray(), [0, 0, 8, 1, 0, 0, 0, 0], [8, 13, 18, 0] })
        {
            try
            {
                target.Parse(input);
            }
            catch (Exception)
            {
                // Warm-up only.
            }
        }
    }
}
