using System.Threading.Channels;

namespace NeuroChip.Service.Queue;

/// <summary>A change of one job that progress streams forward: its state, progress fraction and message.</summary>
internal sealed record JobUpdate(string JobId, string State, double Progress, string? Message);

/// <summary>
/// In-process fan-out of job updates to the server-sent-event streams watching a job. Each
/// subscriber has a small buffer that drops its oldest updates, so a slow client never holds up a worker.
/// </summary>
internal sealed class JobUpdates
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<Channel<JobUpdate>>> subscribers = new(StringComparer.Ordinal);

    public Subscription Subscribe(string jobId)
    {
        Channel<JobUpdate> channel = Channel.CreateBounded<JobUpdate>(new BoundedChannelOptions(32) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (gate)
        {
            if (!subscribers.TryGetValue(jobId, out List<Channel<JobUpdate>>? list))
            {
                list = [];
                subscribers[jobId] = list;
            }

            list.Add(channel);
        }

        return new Subscription(this, jobId, channel);
    }

    public void Publish(JobUpdate update)
    {
        lock (gate)
        {
            if (subscribers.TryGetValue(update.JobId, out List<Channel<JobUpdate>>? list))
            {
                foreach (Channel<JobUpdate> channel in list)
                {
                    channel.Writer.TryWrite(update);
                }
            }
        }
    }

    private void Unsubscribe(string jobId, Channel<JobUpdate> channel)
    {
        lock (gate)
        {
            if (subscribers.TryGetValue(jobId, out List<Channel<JobUpdate>>? list))
            {
                list.Remove(channel);
                if (list.Count == 0)
                {
                    subscribers.Remove(jobId);
                }
            }
        }
    }

    /// <summary>One stream's view of a job's updates; dispose to stop receiving.</summary>
    internal sealed class Subscription(JobUpdates owner, string jobId, Channel<JobUpdate> channel) : IDisposable
    {
        public ChannelReader<JobUpdate> Reader => channel.Reader;

        public void Dispose() => owner.Unsubscribe(jobId, channel);
    }
}
