using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NeuroChip.Service.Jobs;
namespace NeuroChip.Service.Tests.Queue;

/// <summary>
/// A client cancels its own job, through the API, while the job is inside each step of each kind.
/// The cancel is sent from the job's own progress report of that step, so it lands inside the step
/// every time, not by luck of timing. The job must end cancelled, the server must keep serving (a
/// new job runs to done), and after a restart on the same data the job is still cancelled and never ran again.
/// </summary>
public sealed class CancelAtEveryStepTests
{
    private static readonly string SmallNetPath = Path.Combine(AppContext.BaseDirectory, "examples", "small-net.json");

    public static TheoryData<string, string> Steps => new()
    {
        // run (the built-in example trains, converts, maps and evaluates for each T)
        { "run", "load data" },
        { "run", "train" },
        { "run", "ONNX export + import" },
        { "run", "ANN accuracy" },
        { "run", "convert" },
        { "run", "quantise + map" },
        { "run", "float SNN" },
        { "run", "chip SNN (event engine)" },
        { "run", "timed sample" },
        // map: between loading the graph and compiling it, and after compiling
        { "map", "graph loaded" },
        { "map", "compiled" },
        // simulate: single-threaded (stops at the next tick) and on two engine threads (stops when the run returns)
        { "simulate", "image loaded" },
        { "simulate", "tick" },
        { "simulate-2", "tick" },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Cancel_InsideStep_JobCancelledServerServesAndRestartKeepsIt(string kind, string step)
    {
        using var data = new TempDirectory();
        var cancelAt = new CancelAtStep(step);
        string id;
        string token;
        await using (InProcessServer server = await InProcessServer.StartAsync(workers: 1, dataDirectory: data.Path, configureServices: s => cancelAt.Install(s)))
        {
            token = server.CreateKey("owner");
            using HttpClient client = server.Client(token);
            cancelAt.Client = client;
            id = await (await Submit(client, kind)).AcceptedIdAsync();

            JsonElement job = await client.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));
            Assert.True(cancelAt.CancelStatus == HttpStatusCode.Accepted, $"cancel at '{step}' answered {cancelAt.CancelStatus}");
            Assert.Equal("cancelled", job.GetProperty("state").GetString());

            // The server goes on: another job of the same client runs to done.
            cancelAt.Disarm();
            string next = await (await Submit(client, "simulate")).AcceptedIdAsync();
            Assert.Equal("done", (await client.WaitFinishedAsync(next, TimeSpan.FromSeconds(60))).GetProperty("state").GetString());
            using HttpResponseMessage health = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        var again = new CancelAtStep(step);
        await using (InProcessServer restarted = await InProcessServer.StartAsync(workers: 1, dataDirectory: data.Path, configureServices: s => again.Install(s)))
        {
            using HttpClient client = restarted.Client(token);
            JsonElement after = await client.GetJobAsync(id);
            Assert.Equal("cancelled", after.GetProperty("state").GetString());
            Assert.Equal(1, after.GetProperty("attempts").GetInt32());
        }
    }

    private static Task<HttpResponseMessage> Submit(HttpClient client, string kind) => kind switch
    {
        "run" => client.SubmitKindAsync("run", example: "digits-mlp", optionsJson: "{\"timesteps\": [8], \"limit\": 40, \"epochs\": 3}"),
        "map" => client.SubmitKindAsync("map", file: ("graph", "small-net.json", File.ReadAllBytes(SmallNetPath))),
        "simulate" => client.SubmitKindAsync("simulate", example: "two-layer", optionsJson: "{\"ticks\": 2000, \"threads\": 1}"),
        "simulate-2" => client.SubmitKindAsync("simulate", example: "two-layer", optionsJson: "{\"ticks\": 2000, \"threads\": 2}"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind"),
    };

    /// <summary>
    /// Wraps every registered job kind so that the first progress report whose message starts with
    /// the step's name makes a cancel request through the API, from inside the step.
    /// </summary>
    private sealed class CancelAtStep(string step)
    {
        private int fired;

        public HttpClient? Client { get; set; }

        public HttpStatusCode? CancelStatus { get; private set; }

        public void Disarm() => Interlocked.Exchange(ref fired, 1);

        public void Install(IServiceCollection services)
        {
            List<ServiceDescriptor> kinds = services.Where(d => d.ServiceType == typeof(IJobKind)).ToList();
            services.RemoveAll<IJobKind>();
            foreach (ServiceDescriptor kind in kinds)
            {
                Type type = kind.ImplementationType!;
                services.AddSingleton<IJobKind>(sp => new Wrapped((IJobKind)ActivatorUtilities.CreateInstance(sp, type), this));
            }
        }

        private void Observe(string jobId, JobProgress progress)
        {
            if (progress.Message.StartsWith(step, StringComparison.Ordinal) && Interlocked.Exchange(ref fired, 1) == 0)
            {
                using HttpResponseMessage response = Client!.PostAsync($"/v1/jobs/{jobId}/cancel", null).GetAwaiter().GetResult();
                CancelStatus = response.StatusCode;
            }
        }

        private sealed class Wrapped(IJobKind inner, CancelAtStep owner) : IJobKind
        {
            public string Name => inner.Name;

            public string Description => inner.Description;

            public string Prepare(JobSubmission submission, KeyLimits limits, string inputDirectory) => inner.Prepare(submission, limits, inputDirectory);

            public JobOutput Execute(JobExecution execution)
            {
                var watching = new Progress(execution.Progress, p => owner.Observe(execution.JobId, p));
                return inner.Execute(execution with { Progress = watching });
            }
        }

        private sealed class Progress(IProgress<JobProgress> inner, Action<JobProgress> observe) : IProgress<JobProgress>
        {
            public void Report(JobProgress value)
            {
                inner.Report(value);
                observe(value);
            }
        }
    }
}
