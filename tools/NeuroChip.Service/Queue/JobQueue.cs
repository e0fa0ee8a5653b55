using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NeuroChip.Service.Hosting;

namespace NeuroChip.Service.Queue;

/// <summary>
/// Ids of queued jobs in a bounded channel that the workers read. Submission never waits: a full
/// queue is refused (429) so the client can retry; only start-up recovery waits for room.
/// </summary>
internal sealed class JobQueue
{
    private readonly Channel<string> channel;

    public JobQueue(IOptions<ServiceOptions> options)
    {
        Capacity = options.Value.QueueCapacity;
        channel = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public int Capacity { get; }

    public int Count => channel.Reader.Count;

    public bool IsFull => Count >= Capacity;

    public bool TryEnqueue(string jobId) => channel.Writer.TryWrite(jobId);

    public ValueTask EnqueueAsync(string jobId, CancellationToken cancellationToken) => channel.Writer.WriteAsync(jobId, cancellationToken);

    public ValueTask<string> DequeueAsync(CancellationToken cancellationToken) => channel.Reader.ReadAsync(cancellationToken);
}
