using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NeuroChip.Service.Hosting;

namespace NeuroChip.Service.Queue;

/// <summary>
/// Ids of queued jobs that the workers read, with <see cref="Capacity"/> slots. Submission never waits: a full
/// queue is refused (429) so the client can retry; only start-up recovery waits for room. A job cancelled while
/// queued gives its slot back at once (<see cref="Withdraw"/>); its id stays in the channel and the worker that
/// reads it skips it.
/// </summary>
internal sealed class JobQueue : IDisposable
{
    private readonly Channel<string> channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly ConcurrentDictionary<string, byte> waiting = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim slots;

    public JobQueue(IOptions<ServiceOptions> options)
    {
        Capacity = options.Value.QueueCapacity;
        slots = new SemaphoreSlim(Capacity, Capacity);
    }

    public int Capacity { get; }

    /// <summary>Jobs waiting for a worker (withdrawn ones not counted).</summary>
    public int Count => waiting.Count;

    public bool IsFull => slots.CurrentCount == 0;

    public bool TryEnqueue(string jobId)
    {
        if (!slots.Wait(0))
        {
            return false;
        }

        Add(jobId);
        return true;
    }

    public async ValueTask EnqueueAsync(string jobId, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        Add(jobId);
    }

    /// <summary>The next waiting job; ids withdrawn while queued are passed over (their slots were given back then).</summary>
    public async ValueTask<string> DequeueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            string jobId = await channel.Reader.ReadAsync(cancellationToken);
            if (waiting.TryRemove(jobId, out _))
            {
                slots.Release();
                return jobId;
            }
        }
    }

    /// <summary>A queued job was cancelled: its slot is free for the next submission. False if a worker already took it.</summary>
    public bool Withdraw(string jobId)
    {
        if (!waiting.TryRemove(jobId, out _))
        {
            return false;
        }

        slots.Release();
        return true;
    }

    public void Dispose() => slots.Dispose();

    private void Add(string jobId)
    {
        waiting[jobId] = 0;
        channel.Writer.TryWrite(jobId);
    }
}
