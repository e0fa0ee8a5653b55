using Microsoft.AspNetCore.Http;
using NeuroChip.Service.Keys;
using NeuroChip.Service.Queue;
using NeuroChip.Service.Storage;

namespace NeuroChip.Service.Jobs;

/// <summary>
/// Accepts a submission: the kind checks and stores its inputs, the job row is inserted (respecting
/// the key's concurrent-job limit) and only then queued, so an accepted job is always in the
/// database before a worker or a restart can look for it.
/// </summary>
internal sealed class JobSubmitter(JobKindRegistry kinds, JobStore store, JobPaths paths, JobQueue queue)
{
    public JobRecord Submit(AuthenticatedKey key, string? kindName, JobSubmission submission)
    {
        IJobKind kind = kinds.Resolve(kindName);
        if (queue.IsFull)
        {
            throw QueueFull();
        }

        string jobId = JobPaths.NewJobId();
        string jobDirectory = paths.JobDirectory(jobId);
        string input = paths.InputDirectory(jobId);
        Directory.CreateDirectory(input);
        bool inserted = false;
        try
        {
            string options = kind.Prepare(submission, key.Limits, input);
            JobRecord job = store.TryInsert(jobId, key.Id, kind.Name, options, key.Limits.MaxConcurrentJobs)
                ?? throw new JobInputException(
                    "maxConcurrentJobs",
                    $"This API key already has {key.Limits.MaxConcurrentJobs} job(s) queued or running, its limit. Wait for one to finish or cancel one.",
                    StatusCodes.Status429TooManyRequests);
            inserted = true;
            if (!queue.TryEnqueue(jobId))
            {
                store.Withdraw(jobId);
                inserted = false;
                throw QueueFull();
            }

            return job;
        }
        finally
        {
            if (!inserted)
            {
                Directory.Delete(jobDirectory, recursive: true);
            }
        }
    }

    private JobInputException QueueFull() => new(
        "queue",
        $"The job queue is full ({queue.Capacity} jobs waiting). Retry after the time in the Retry-After header.",
        StatusCodes.Status429TooManyRequests);
}
