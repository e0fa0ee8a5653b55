namespace NeuroChip.Service.Storage;

/// <summary>
/// A job's life: Queued → Running → Done | Failed | Cancelled; Running → Queued when the server
/// stops or dies mid-run; Queued → Cancelled. Every change is a conditional update on the current
/// state, so no job reaches Done twice.
/// </summary>
internal enum JobState
{
    Queued,
    Running,
    Done,
    Failed,
    Cancelled,
}

internal static class JobStates
{
    public static string ToText(this JobState state) => state switch
    {
        JobState.Queued => "queued",
        JobState.Running => "running",
        JobState.Done => "done",
        JobState.Failed => "failed",
        JobState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown job state"),
    };

    public static JobState FromText(string text) => text switch
    {
        "queued" => JobState.Queued,
        "running" => JobState.Running,
        "done" => JobState.Done,
        "failed" => JobState.Failed,
        "cancelled" => JobState.Cancelled,
        _ => throw new InvalidOperationException($"The database holds an unknown job state '{text}'."),
    };

    public static bool TryFromText(string text, out JobState state)
    {
        (bool ok, state) = text switch
        {
            "queued" => (true, JobState.Queued),
            "running" => (true, JobState.Running),
            "done" => (true, JobState.Done),
            "failed" => (true, JobState.Failed),
            "cancelled" => (true, JobState.Cancelled),
            _ => (false, default),
        };
        return ok;
    }

    public static bool IsTerminal(this JobState state) => state is JobState.Done or JobState.Failed or JobState.Cancelled;
}
