namespace NeuroChip.Service.Hosting;

/// <summary>
/// How the service runs, bound from the configuration section <c>Service</c> (command line:
/// <c>--urls</c>, <c>--data-dir</c>, <c>--workers</c>, <c>--queue-capacity</c>, <c>--retry-after</c>,
/// <c>--max-request-bytes</c>) and checked by <see cref="ServiceOptionsValidator"/> before anything starts.
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
}
