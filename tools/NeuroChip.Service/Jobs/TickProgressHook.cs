using NeuroChip.EventSim.Engine;

namespace NeuroChip.Service.Jobs;

/// <summary>
/// Reports a simulation's progress about a hundred times per run and stops a single-threaded run at
/// the next tick barrier once cancelled. With several engine threads the hook runs inside the
/// barrier's post-phase action, where an exception would tear down the engine's worker threads, so
/// there cancellation is only observed when the run returns.
/// </summary>
internal sealed class TickProgressHook(int ticks, IProgress<JobProgress> progress, bool canStopMidRun, CancellationToken cancellation) : ITickHook
{
    private readonly int every = Math.Max(1, ticks / 100);
    private int seen;

    public void AtBarrier(int tick, SimulatorView view)
    {
        seen++;
        if (canStopMidRun)
        {
            cancellation.ThrowIfCancellationRequested();
        }

        if (seen % every == 0 || seen == ticks)
        {
            progress.Report(new JobProgress((double)seen / ticks, $"tick {seen:N0} of {ticks:N0}"));
        }
    }
}
