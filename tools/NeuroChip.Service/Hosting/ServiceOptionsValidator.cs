using Microsoft.Extensions.Options;

namespace NeuroChip.Service.Hosting;

/// <summary>Checks <see cref="ServiceOptions"/> at start-up; each message names the option and its command-line flag.</summary>
internal sealed class ServiceOptionsValidator : IValidateOptions<ServiceOptions>
{
    public const int MaxWorkers = 64;

    public ValidateOptionsResult Validate(string? name, ServiceOptions options)
    {
        var failures = new List<string>();
        if (options.Workers is < 1 or > MaxWorkers)
        {
            failures.Add($"Service:Workers (--workers) = {options.Workers}: use 1 to {MaxWorkers} workers.");
        }

        if (options.QueueCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"Service:QueueCapacity (--queue-capacity) = {options.QueueCapacity}: use 1 to 1,000,000 queued jobs.");
        }

        if (options.RetryAfterSeconds is < 1 or > 3600)
        {
            failures.Add($"Service:RetryAfterSeconds (--retry-after) = {options.RetryAfterSeconds}: use 1 to 3600 seconds.");
        }

        if (options.MaxRequestBytes < 4096)
        {
            failures.Add($"Service:MaxRequestBytes (--max-request-bytes) = {options.MaxRequestBytes}: allow at least 4096 bytes.");
        }

        if (options.KeepDays is < 0 or > 36_500)
        {
            failures.Add($"Service:KeepDays (--keep-days) = {options.KeepDays}: use 0 (keep finished jobs) to 36,500 days.");
        }

        if (options.QuotaBytesPerKey < 1024 * 1024)
        {
            failures.Add($"Service:QuotaBytesPerKey (--quota-bytes) = {options.QuotaBytesPerKey}: allow at least 1,048,576 bytes per key.");
        }

        if (options.RequestsPerSecondPerKey is < 1 or > 100_000)
        {
            failures.Add($"Service:RequestsPerSecondPerKey (--requests-per-second) = {options.RequestsPerSecondPerKey}: use 1 to 100,000.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Service:DataDirectory (--data-dir) is empty: name a directory for the job database and files.");
        }
        else if (File.Exists(options.DataDirectory))
        {
            failures.Add($"Service:DataDirectory (--data-dir) = '{options.DataDirectory}' is a file; name a directory.");
        }

        string[] urls = options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            failures.Add("Service:Urls (--urls) is empty: give an address such as http://127.0.0.1:5080.");
        }

        foreach (string url in urls)
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out Uri? uri)
                || uri.Scheme is not ("http" or "https"))
            {
                failures.Add($"Service:Urls (--urls) has '{url}': each address must look like http://127.0.0.1:5080.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
