using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NeuroChip.Service.Queue;

/// <summary>
/// One of the configured number of workers: takes job ids off the queue and runs them one at a time,
/// each on a dedicated thread. The loop ends only when the host stops: a run that fails in a way its
/// runner did not foresee is logged and the worker takes the next job.
/// </summary>
internal sealed partial class JobWorker(int index, JobQueue queue, JobRunner runner, ILogger<JobWorker> logger) : BackgroundService
{
    private readonly string name = $"worker-{index}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        LogReady(name);
        while (!stoppingToken.IsCancellationRequested)
        {
            string jobId;
            try
            {
                jobId = await queue.DequeueAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                // A run is long CPU work: give it its own thread so request handling never waits for the thread pool to grow.
                await Task.Factory.StartNew(() => runner.Run(jobId, name, stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
            catch (Exception e)
            {
                LogRunnerFault(e, jobId, name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Worker} ready")]
    private partial void LogReady(string worker);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Job {JobId} on {Worker}: the runner itself failed; the worker goes on with the next job")]
    private partial void LogRunnerFault(Exception exception, string jobId, string worker);
}
