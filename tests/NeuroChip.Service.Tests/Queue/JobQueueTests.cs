using Microsoft.Extensions.Options;
using NeuroChip.Service.Queue;

namespace NeuroChip.Service.Tests.Queue;

public sealed class JobQueueTests
{
    private static JobQueue Queue(int capacity) => new(Options.Create(new ServiceOptions { QueueCapacity = capacity }));

    [Fact]
    public async Task Withdraw_FreesTheSlotAtOnce_AndTheWorkerSkipsTheWithdrawnId()
    {
        using JobQueue queue = Queue(2);
        Assert.True(queue.TryEnqueue("a"));
        Assert.True(queue.TryEnqueue("b"));
        Assert.True(queue.IsFull);
        Assert.False(queue.TryEnqueue("c"));

        // Cancelling "a" while it waits gives its slot to the next submission before any worker reads the queue.
        Assert.True(queue.Withdraw("a"));
        Assert.False(queue.IsFull);
        Assert.True(queue.TryEnqueue("c"));
        Assert.Equal(2, queue.Count);

        Assert.Equal("b", await queue.DequeueAsync(CancellationToken.None));
        Assert.Equal("c", await queue.DequeueAsync(CancellationToken.None));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Withdraw_AfterAWorkerTookTheJob_ChangesNothing()
    {
        using JobQueue queue = Queue(1);
        Assert.True(queue.TryEnqueue("a"));
        Assert.Equal("a", await queue.DequeueAsync(CancellationToken.None));
        Assert.False(queue.Withdraw("a"));

        // One slot, free once: a second release would let two jobs in.
        Assert.True(queue.TryEnqueue("b"));
        Assert.False(queue.TryEnqueue("c"));
    }

    [Fact]
    public async Task EnqueueAsync_WaitsForRoom()
    {
        using JobQueue queue = Queue(1);
        await queue.EnqueueAsync("a", CancellationToken.None);
        ValueTask waiting = queue.EnqueueAsync("b", CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        Assert.Equal("a", await queue.DequeueAsync(CancellationToken.None));
        await waiting;
        Assert.Equal("b", await queue.DequeueAsync(CancellationToken.None));
    }
}
