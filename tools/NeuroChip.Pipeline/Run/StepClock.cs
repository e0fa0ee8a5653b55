using System.Diagnostics;
using NeuroChip.Pipeline.Reports;

namespace NeuroChip.Pipeline.Run;

/// <summary>Times the steps of a run and tells the progress sink when each starts and ends.</summary>
internal sealed class StepClock(IProgress<RunProgress>? progress)
{
    private readonly List<StepTime> steps = [];
    private readonly Stopwatch total = Stopwatch.StartNew();

    public IReadOnlyList<StepTime> Steps => steps;

    public double TotalSeconds => total.Elapsed.TotalSeconds;

    /// <summary>Runs <paramref name="body"/> as one step; <paramref name="units"/> is its unit count for progress (0 = none).</summary>
    public T Time<T>(string step, string detail, int units, Func<IProgress<int>, T> body)
    {
        progress?.Report(new RunProgress(step, detail, 0, units, Finished: false));
        var watch = Stopwatch.StartNew();
        var inner = new Forward(done => progress?.Report(new RunProgress(step, detail, done, units, Finished: false)));
        T result = body(inner);
        watch.Stop();
        steps.Add(new StepTime(step, detail, watch.Elapsed.TotalSeconds));
        progress?.Report(new RunProgress(step, detail, units, units, Finished: true));
        return result;
    }

    public void Time(string step, string detail, Action body) => Time(step, detail, 0, _ =>
    {
        body();
        return 0;
    });

    /// <summary>Reports synchronously on the calling thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class Forward(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
