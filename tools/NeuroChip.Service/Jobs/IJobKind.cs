using NeuroChip.Service.Keys;

namespace NeuroChip.Service.Jobs;

/// <summary>
/// One kind of work the service runs. <see cref="Prepare"/> runs in the request: it checks the
/// submission against the key's limits (throwing <see cref="JobInputException"/> naming the field)
/// and stores what <see cref="Execute"/> needs in the job's input directory. <see cref="Execute"/>
/// runs on a worker, possibly again after a restart, and writes its artifacts into a fresh staging
/// directory that the host publishes atomically before marking the job done. Adding a kind is one
/// class registered in <see cref="JobKindRegistry"/>.
/// </summary>
internal interface IJobKind
{
    string Name { get; }

    string Description { get; }

    /// <summary>Validates the submission, writes its inputs under <paramref name="inputDirectory"/>, returns the normalised options as JSON.</summary>
    string Prepare(JobSubmission submission, KeyLimits limits, string inputDirectory);

    JobOutput Execute(JobExecution execution);
}

/// <summary>What a client sent: a built-in example name or uploaded files, and options as JSON text.</summary>
internal sealed record JobSubmission(string? Example, string? OptionsJson, IReadOnlyDictionary<string, UploadedFile> Files);

/// <summary>One uploaded file part, already within the key's upload limit.</summary>
internal sealed record UploadedFile(string Field, string FileName, byte[] Content);

/// <summary>Everything a run gets: where its inputs are, its options, where to write, how to report progress, when to stop.</summary>
internal sealed record JobExecution(
    string JobId,
    string InputDirectory,
    string OptionsJson,
    string OutputDirectory,
    IProgress<JobProgress> Progress,
    CancellationToken CancellationToken);

/// <summary>Progress of a run: a fraction in 0..1 and what is happening.</summary>
internal readonly record struct JobProgress(double Fraction, string Message);

/// <summary>The files a run wrote into its output directory, and a small JSON summary for job listings.</summary>
internal sealed record JobOutput(IReadOnlyList<JobOutputFile> Files, string? SummaryJson);

/// <summary>A file in the output directory and the media type it is served with.</summary>
internal sealed record JobOutputFile(string Name, string ContentType);
