using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuroChip.Service.Storage;

namespace NeuroChip.Service.Queue;

/// <summary>
/// At start-up, before the server listens: jobs a previous process left Running go back to Queued
/// (as recorded transitions) and every queued job is put on the queue again, oldest first, waiting
/// for room when there are more than the queue holds.
/// </summary>
internal sealed partial class QueueRecovery(JobStore store, JobQueue queue, ILogger<QueueRecovery> logger) : BackgroundService
{
    private IReadOnlyList<string> recovered = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        recovered = store.RecoverUnfinished();
        if (recovered.Count > 0)
        {
            LogRecovered(recovered.Count);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (string jobId in recovered)
        {
            try
            {
                await queue.EnqueueAsync(jobId, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered {Count} unfinished job(s) from the database")]
    private partial void LogRecovered(int count);
}
