using NeuroChip.Pipeline.Run;

namespace NeuroChip.Service.Jobs;

/// <summary>
/// Turns the pipeline's step reports into the job's progress: the fraction is finished steps out of
/// <paramref name="plannedSteps"/> plus the running step's share of its units (epochs, samples), kept below 0.99 so
/// the last percent belongs to writing the artifacts.
/// </summary>
internal sealed class RunProgressAdapter(IProgress<JobProgress> progress, int plannedSteps) : IProgress<RunProgress>
{
    private readonly object gate = new();
    private int finished;

    public void Report(RunProgress value)
    {
        double fraction;
        lock (gate)
        {
            if (value.Finished)
            {
                finished++;
            }

            double partial = !value.Finished && value.Total > 0 ? (double)value.Done / value.Total : 0;
            fraction = Math.Min(0.98, (finished + partial) / plannedSteps);
        }

        string state = value.Finished ? "done" : value.Total > 0 ? $"{value.Done:N0} of {value.Total:N0}" : "running";
        progress.Report(new JobProgress(fraction, $"{value.Step} ({value.Detail}): {state}"));
    }
}
