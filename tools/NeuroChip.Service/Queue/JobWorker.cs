using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NeuroChip.Service.Queue;

/// <summary>One of the configured number of workers: takes job ids off the queue and runs them one at a time, each on a dedicated thread.</summary>
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

            // A run is long CPU work: give it its own thread so request handling never waits for the thread pool to grow.
            await Task.Factory.StartNew(() => runner.Run(jobId, name, stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Worker} ready")]
    private partial void LogReady(string worker);
}
