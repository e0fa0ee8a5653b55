using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NeuroChip.EventSim;
using NeuroChip.Service.Jobs;
using NeuroChip.Service.Queue;
namespace NeuroChip.Service.Tests.Queue;

/// <summary>
/// <see cref="JobRunner"/> on a real store with a scripted job kind: every way a run can end ends
/// that job only, in the state its cause calls for, and <see cref="JobRunner.Run"/> always returns.
/// </summary>
public sealed class JobRunnerTests : IDisposable
{
    private readonly TempDirectory data = new();
    private readonly JobStore store;
    private readonly JobPaths paths;
    private readonly JobCancellations cancellations = new();
    private readonly ScriptedKind kind = new();
    private readonly JobRunner runner;

    public JobRunnerTests()
    {
        var database = new ServiceDatabase(data.Path);
        store = new JobStore(database, TimeProvider.System);
        paths = new JobPaths(database);
        runner = new JobRunner(store, paths, new JobKindRegistry([kind]), new JobUpdates(), cancellations, TimeProvider.System, NullLogger<JobRunner>.Instance);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        data.Dispose();
    }

    [Fact]
    public void Run_CancelSurfacesAsAggregateFromParallelLoop_JobCancelledNotFailed()
    {
        // The defect this guards: Parallel.For wraps the body's OperationCanceledException in an AggregateException.
        string id = Submit();
        kind.Script = execution =>
        {
            RequestCancel(execution.JobId);
            Parallel.For(0, 64, _ => execution.CancellationToken.ThrowIfCancellationRequested());
            return Output(execution);
        };

        runner.Run(id, "w0", CancellationToken.None);

        JobRecord job = store.Get(id)!;
        Assert.Equal(JobState.Cancelled, job.State);
        Assert.Null(job.Error);
        Assert.False(Directory.Exists(paths.OutputDirectory(id)));
    }

    [Fact]
    public void Run_CancelAcceptedButKindFinishesAnyway_JobCancelledAndNothingPublished()
    {
        string id = Submit();
        kind.Script = execution =>
        {
            RequestCancel(execution.JobId);
            return Output(execution); // a kind that never looks at its token
        };

        runner.Run(id, "w0", CancellationToken.None);

        Assert.Equal(JobState.Cancelled, store.Get(id)!.State);
        Assert.Empty(store.Artifacts(id));
        Assert.False(Directory.Exists(paths.OutputDirectory(id)));
    }

    [Fact]
    public void Run_UnexpectedException_JobFailedWithTypeAndMessage()
    {
        string id = Submit();
        kind.Script = _ => throw new KeyNotFoundException("a bug in a kind");

        runner.Run(id, "w0", CancellationToken.None);

        JobRecord job = store.Get(id)!;
        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal("The run failed (KeyNotFoundException): a bug in a kind", job.Error);
    }

    [Fact]
    public void Run_UserInputErrorInsideParallelLoop_JobFailedWithTheUsersMessageOnly()
    {
        string id = Submit();
        kind.Script = _ =>
        {
            Parallel.For(0, 4, i =>
            {
                if (i == 2)
                {
                    throw new UserInputException("Sample 2 has 5 values; the network takes 4.");
                }
            });
            return null!;
        };

        runner.Run(id, "w0", CancellationToken.None);

        Assert.Equal("Sample 2 has 5 values; the network takes 4.", store.Get(id)!.Error);
        Assert.Equal(JobState.Failed, store.Get(id)!.State);
    }

    [Fact]
    public void Run_IoErrorWritingArtifacts_JobFailedAndStagingRemoved()
    {
        string id = Submit();
        string? staging = null;
        kind.Script = execution =>
        {
            staging = execution.OutputDirectory;
            throw new IOException("No space left on device");
        };

        runner.Run(id, "w0", CancellationToken.None);

        Assert.Equal(JobState.Failed, store.Get(id)!.State);
        Assert.Equal("The run failed (IOException): No space left on device", store.Get(id)!.Error);
        Assert.False(Directory.Exists(staging));
    }

    [Fact]
    public void Run_ServerStopsMidRun_JobRequeuedToRunAgain()
    {
        string id = Submit();
        using var stopping = new CancellationTokenSource();
        kind.Script = execution =>
        {
            stopping.Cancel();
            execution.CancellationToken.ThrowIfCancellationRequested();
            return Output(execution);
        };

        runner.Run(id, "w0", stopping.Token);

        Assert.Equal(JobState.Queued, store.Get(id)!.State);
        Assert.Equal([id], store.RecoverUnfinished());
    }

    [Fact]
    public void Run_ServerStopsAfterCancelAccepted_JobCancelledNotRequeued()
    {
        string id = Submit();
        using var stopping = new CancellationTokenSource();
        kind.Script = execution =>
        {
            Assert.True(store.TryRequestCancel(execution.JobId)); // recorded, but this process never signals the run
            stopping.Cancel();
            execution.CancellationToken.ThrowIfCancellationRequested();
            return Output(execution);
        };

        runner.Run(id, "w0", stopping.Token);

        Assert.Equal(JobState.Cancelled, store.Get(id)!.State);
        Assert.Empty(store.RecoverUnfinished());
    }

    [Fact]
    public void Run_Succeeds_DoneWithPublishedArtifact()
    {
        string id = Submit();
        kind.Script = Output;

        runner.Run(id, "w0", CancellationToken.None);

        Assert.Equal(JobState.Done, store.Get(id)!.State);
        JobArtifact artifact = Assert.Single(store.Artifacts(id));
        Assert.Equal("result.txt", artifact.Name);
        Assert.Equal(2, artifact.Bytes); // "ok"
        Assert.True(File.Exists(paths.Absolute(artifact.RelativePath)));
    }

    private string Submit()
    {
        string id = JobPaths.NewJobId();
        Assert.NotNull(store.TryInsert(id, "k1", ScriptedKind.KindName, "{}", maxActive: 10));
        Directory.CreateDirectory(paths.InputDirectory(id));
        return id;
    }

    private void RequestCancel(string jobId)
    {
        Assert.True(store.TryRequestCancel(jobId));
        Assert.True(cancellations.Cancel(jobId));
    }

    private static JobOutput Output(JobExecution execution)
    {
        File.WriteAllText(Path.Combine(execution.OutputDirectory, "result.txt"), "ok");
        return new JobOutput([new JobOutputFile("result.txt", "text/plain")], null);
    }

    /// <summary>A job kind whose run is whatever the test scripts.</summary>
    private sealed class ScriptedKind : IJobKind
    {
        public const string KindName = "scripted";

        public Func<JobExecution, JobOutput> Script { get; set; } = _ => throw new InvalidOperationException("no script");

        public string Name => KindName;

        public string Description => "a scripted test kind";

        public string Prepare(JobSubmission submission, KeyLimits limits, string inputDirectory) => "{}";

        public JobOutput Execute(JobExecution execution) => Script(execution);
    }
}
