using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NeuroChip.Service.Hosting;
using NeuroChip.Service.Keys;
using NeuroChip.Service.Queue;
using NeuroChip.Service.Storage;

namespace NeuroChip.Service.Jobs;

/// <summary>
/// Accepts a submission: the kind checks and stores its inputs, the job row is inserted (respecting
/// the key's concurrent-job limit) and only then queued, so an accepted job is always in the
/// database before a worker or a restart can look for it. A key whose jobs already hold its storage
/// quota on disk is refused before anything is written.
/// </summary>
internal sealed class JobSubmitter(JobKindRegistry kinds, JobStore store, JobPaths paths, JobQueue queue, IOptions<ServiceOptions> options)
{
    public JobRecord Submit(AuthenticatedKey key, string? kindName, JobSubmission submission)
    {
        IJobKind kind = kinds.Resolve(kindName);
        if (queue.IsFull)
        {
            throw QueueFull();
        }

        long quota = options.Value.QuotaBytesPerKey;
        long stored = store.StoredBytes(key.Id);
        long uploaded = submission.Files.Values.Sum(f => (long)f.Content.Length);
        if (stored + uploaded > quota)
        {
            throw new JobInputException(
                "quota",
                $"This API key's jobs hold {stored:N0} bytes; with this upload ({uploaded:N0} bytes) it would pass its storage quota of {quota:N0} bytes. Delete finished jobs (DELETE /v1/jobs/{{id}}) and submit again.",
                StatusCodes.Status403Forbidden);
        }

        string jobId = JobPaths.NewJobId();
        string jobDirectory = paths.JobDirectory(jobId);
        string input = paths.InputDirectory(jobId);
        Directory.CreateDirectory(input);
        bool inserted = false;
        try
        {
            string normalised = kind.Prepare(submission, key.Limits, input);
            long inputBytes = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            JobRecord job = store.TryInsert(jobId, key.Id, kind.Name, normalised, key.Limits.MaxConcurrentJobs, inputBytes)
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
