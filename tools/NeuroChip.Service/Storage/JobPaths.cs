using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace NeuroChip.Service.Storage;

/// <summary>
/// Where a job's files live: <c>jobs/&lt;id&gt;/input</c> (what was submitted), <c>jobs/&lt;id&gt;/output</c>
/// (published artifacts) and <c>jobs/&lt;id&gt;/staging-&lt;run&gt;</c> (a run in progress). Job ids are
/// random, so they are neither guessable nor able to name a path outside the data directory.
/// </summary>
internal sealed partial class JobPaths(ServiceDatabase database)
{
    public string DataDirectory => database.DataDirectory;

    public static string NewJobId() => "job_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static bool IsJobId(string text) => JobIdPattern().IsMatch(text);

    public string JobDirectory(string jobId) => Path.Combine(database.DataDirectory, "jobs", Checked(jobId));

    public string InputDirectory(string jobId) => Path.Combine(JobDirectory(jobId), "input");

    public string OutputDirectory(string jobId) => Path.Combine(JobDirectory(jobId), "output");

    public string StagingDirectory(string jobId, string runToken) => Path.Combine(JobDirectory(jobId), "staging-" + runToken);

    public string Relative(string fullPath) => Path.GetRelativePath(database.DataDirectory, fullPath);

    public string Absolute(string relativePath) => Path.GetFullPath(Path.Combine(database.DataDirectory, relativePath));

    private static string Checked(string jobId) => IsJobId(jobId) ? jobId : throw new ArgumentException($"'{jobId}' is not a job id.", nameof(jobId));

    [GeneratedRegex("^job_[0-9a-f]{24}$")]
    private static partial Regex JobIdPattern();
}
