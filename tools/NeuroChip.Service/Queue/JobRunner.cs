using Microsoft.Extensions.Logging;
using NeuroChip.EventSim;
using NeuroChip.Service.Hosting;
using NeuroChip.Service.Jobs;
using NeuroChip.Service.Storage;

namespace NeuroChip.Service.Queue;

/// <summary>
/// Runs one dequeued job: Queued → Running (conditional, so a job taken by another worker or
/// cancelled meanwhile is skipped), the kind writes into a fresh staging directory, the directory is
/// renamed to <c>output</c>, and only then Running → Done is committed with the artifact rows. A
/// process killed at any point leaves the job Queued or Running, never half-done; start-up recovery
/// runs it again.
/// </summary>
internal sealed partial class JobRunner(
    JobStore store,
    JobPaths paths,
    JobKindRegistry kinds,
    JobUpdates updates,
    JobCancellations cancellations,
    TimeProvider time,
    ILogger<JobRunner> logger,
    ServiceMetrics? metrics = null)
{
    public void Run(string jobId, string worker, CancellationToken stopping)
    {
        string runToken = Guid.NewGuid().ToString("N");
        if (!store.TryStart(jobId, runToken, worker))
        {
            LogSkipped(jobId, worker);
            return;
        }

        JobRecord job = store.Get(jobId) ?? throw new InvalidOperationException($"Job {jobId} vanished after it was started.");
        updates.Publish(new JobUpdate(jobId, "running", 0, null));
        LogStarted(jobId, job.Kind, worker, job.Attempts);
        using var userCancel = new CancellationTokenSource();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping, userCancel.Token);
        cancellations.Register(jobId, userCancel);
        if (store.IsCancelRequested(jobId))
        {
            userCancel.Cancel(); // a cancel accepted between the start and the registration above
        }

        string staging = paths.StagingDirectory(jobId, runToken);
        var attempt = new Attempt(jobId, runToken, job.Kind, time.GetTimestamp());
        try
        {
            Directory.CreateDirectory(staging);
            var progress = new ThrottledProgress(store, updates, time, jobId, runToken);
            JobOutput output = kinds.Get(job.Kind).Execute(new JobExecution(jobId, paths.InputDirectory(jobId), job.Options, staging, progress, cancellation.Token));
            userCancel.Token.ThrowIfCancellationRequested(); // finished, but its owner asked it to stop first
            Complete(attempt, staging, output);
        }
        catch (Exception e)
        {
            // Whatever carries it (an OperationCanceledException, an AggregateException from a parallel
            // loop, an error raised while unwinding), the outcome ends this job only: the worker and the host go on.
            End(attempt, e, userCancel.IsCancellationRequested, stopping.IsCancellationRequested);
        }
        finally
        {
            cancellations.Remove(jobId);
            TryDeleteDirectory(staging);
        }
    }

    private void Complete(Attempt attempt, string staging, JobOutput output)
    {
        string jobId = attempt.JobId;
        string published = Publish(jobId, staging);
        var artifacts = output.Files
            .Select(f => new JobArtifact(f.Name, paths.Relative(Path.Combine(published, f.Name)), f.ContentType, new FileInfo(Path.Combine(published, f.Name)).Length))
            .ToList();
        if (store.TryComplete(jobId, attempt.RunToken, artifacts, output.SummaryJson))
        {
            double elapsedMs = Ended(attempt, "done", 1, null);
            LogDone(jobId, elapsedMs);
        }
        else if (store.IsCancelRequested(jobId))
        {
            Cancel(attempt);
        }
        else
        {
            LogNotCompleted(jobId);
        }
    }

    /// <summary>
    /// How a run that threw ends: an accepted cancel → Cancelled; the server stopping → Queued again
    /// (unless a cancel was accepted, durable in the store); the user's own input → Failed with its
    /// message; anything else → Failed with the error's type and message, logged with its stack.
    /// </summary>
    private void End(Attempt attempt, Exception error, bool userCancelled, bool stopping)
    {
        string jobId = attempt.JobId;
        if (userCancelled || store.IsCancelRequested(jobId))
        {
            Cancel(attempt);
        }
        else if (stopping)
        {
            if (store.TryRequeue(jobId, attempt.RunToken, "server stopping"))
            {
                updates.Publish(new JobUpdate(jobId, "queued", 0, "server stopping; will run again"));
                LogState(jobId, "queued", "server stopping; will run again");
            }
        }
        else if (FindUserError(error) is { } user)
        {
            Fail(attempt, user.Message);
        }
        else
        {
            LogFailed(error, jobId);
            Fail(attempt, $"The run failed ({error.GetType().Name}): {error.Message}");
        }
    }

    private static UserInputException? FindUserError(Exception error) => error switch
    {
        UserInputException user => user,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.OfType<UserInputException>().FirstOrDefault(),
        _ => null,
    };

    private void Cancel(Attempt attempt)
    {
        if (store.TryCancelRunning(attempt.JobId, attempt.RunToken))
        {
            Ended(attempt, "cancelled", 0, null);
            LogState(attempt.JobId, "cancelled", "cancel accepted");
        }
    }

    private void Fail(Attempt attempt, string error)
    {
        if (store.TryFail(attempt.JobId, attempt.RunToken, error))
        {
            Ended(attempt, "failed", 0, error);
            LogState(attempt.JobId, "failed", error);
        }
    }

    /// <summary>After a final state is committed: tells the live streams and the metrics; returns the run's wall time in ms.</summary>
    private double Ended(Attempt attempt, string state, double progress, string? message)
    {
        updates.Publish(new JobUpdate(attempt.JobId, state, progress, message));
        TimeSpan elapsed = time.GetElapsedTime(attempt.Started);
        metrics?.Finished(attempt.Kind, state, elapsed.TotalSeconds);
        return elapsed.TotalMilliseconds;
    }

    /// <summary>Replaces <c>output</c> by the finished staging directory with one rename; an earlier run's leftovers are removed first.</summary>
    private string Publish(string jobId, string staging)
    {
        string output = paths.OutputDirectory(jobId);
        TryDeleteDirectory(output);
        Directory.Move(staging, output);
        return output;
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // a leftover staging directory is harmless: the next run of this job uses a new one
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} skipped by {Worker}: no longer queued")]
    private partial void LogSkipped(string jobId, string worker);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) started on {Worker}, attempt {Attempt}")]
    private partial void LogStarted(string jobId, string kind, string worker, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} done in {ElapsedMs:F1} ms")]
    private partial void LogDone(string jobId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} finished but was no longer running; its result was not recorded")]
    private partial void LogNotCompleted(string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} {State}: {Detail}")]
    private partial void LogState(string jobId, string state, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed")]
    private partial void LogFailed(Exception exception, string jobId);

    /// <summary>One run of a job: the token that holds it, its kind, and when it started.</summary>
    private readonly record struct Attempt(string JobId, string RunToken, string Kind, long Started);
}
