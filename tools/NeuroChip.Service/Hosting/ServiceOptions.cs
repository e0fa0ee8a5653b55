namespace NeuroChip.Service.Hosting;

/// <summary>
/// How the service runs, bound from the configuration section <c>Service</c> (command line:
/// <c>--urls</c>, <c>--data-dir</c>, <c>--workers</c>, <c>--queue-capacity</c>, <c>--retry-after</c>,
/// <c>--max-request-bytes</c>, <c>--keep-days</c>, <c>--quota-bytes</c>, <c>--requests-per-second</c>) and checked by <see cref="ServiceOptionsValidator"/> before anything starts.
/// </summary>
public sealed class ServiceOptions
{
    public const string Section = "Service";

    /// <summary>Addresses to listen on, separated by ';'. Loopback only unless told otherwise.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Holds the SQLite database and every job's files.</summary>
    public string DataDirectory { get; set; } = "neurochip-service";

    /// <summary>Jobs run at the same time, one per worker.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>Jobs that may wait in the queue; one more gets 429.</summary>
    public int QueueCapacity { get; set; } = 64;

    /// <summary>Seconds a client refused with 429 is told to wait (Retry-After).</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Largest request body the server reads at all, whatever a key's own upload limit.</summary>
    public long MaxRequestBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Finished jobs (done, failed, cancelled) and their files are deleted this many days after they ended; 0 keeps them.</summary>
    public int KeepDays { get; set; } = 30;

    /// <summary>Bytes one API key's jobs may hold on disk (inputs and artifacts); a submission beyond it is refused until jobs are deleted.</summary>
    public long QuotaBytesPerKey { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Requests one API key may make per second, on average (twice as many in a burst); more get 429 with Retry-After.</summary>
    public int RequestsPerSecondPerKey { get; set; } = 50;
}
