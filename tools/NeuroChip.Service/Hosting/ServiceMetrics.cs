using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NeuroChip.Service.Queue;

namespace NeuroChip.Service.Hosting;

/// <summary>
/// The service's own instruments (meter <c>NeuroChip.Service</c>), exported with ASP.NET Core's
/// request metrics at <c>/metrics</c> in the Prometheus text format: submissions accepted and
/// rejected (by reason), jobs finished (by kind and state) with their durations, and the queue depth.
/// </summary>
internal sealed class ServiceMetrics
{
    public const string MeterName = "NeuroChip.Service";

    private readonly Counter<long> accepted;
    private readonly Counter<long> rejected;
    private readonly Counter<long> finished;
    private readonly Histogram<double> duration;

    public ServiceMetrics(IMeterFactory meters, JobQueue queue)
    {
        Meter meter = meters.Create(MeterName);
        accepted = meter.CreateCounter<long>("neurochip.jobs.accepted", "{job}", "Submissions accepted and queued.");
        rejected = meter.CreateCounter<long>("neurochip.requests.rejected", "{request}", "Submissions and requests refused, by reason (input, limit, queue, quota, rate).");
        finished = meter.CreateCounter<long>("neurochip.jobs.finished", "{job}", "Jobs that reached a final state, by kind and state.");
        duration = meter.CreateHistogram<double>("neurochip.job.duration", "s", "Wall time of a run from start to its final state, by kind and state.");
        meter.CreateObservableGauge("neurochip.queue.depth", () => queue.Count, "{job}", "Jobs waiting in the queue.");
    }

    public void Accepted(string kind) => accepted.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Rejected(string reason) => rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Finished(string kind, string state, double seconds)
    {
        var tags = new TagList { { "kind", kind }, { "state", state } };
        finished.Add(1, tags);
        duration.Record(seconds, tags);
    }

    /// <summary>For refusals made outside an endpoint (the rate limiter), where only the request's services are at hand.</summary>
    public static void RequestRejected(IServiceProvider services, string reason) => services.GetService<ServiceMetrics>()?.Rejected(reason);
}
