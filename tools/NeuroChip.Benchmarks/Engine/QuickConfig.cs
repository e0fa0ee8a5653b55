using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NeuroChip.Benchmarks.Engine;

/// <summary>
/// A short job (1 launch, 3 warm-up and 7 measured iterations), run in process so no second copy of
/// the solution is built: the machine is small and shared, and these suites compare orders of magnitude. Adds a per-item time column (see <see cref="PerItemColumn"/>).
/// </summary>
public sealed class QuickConfig : ManualConfig
{
    public QuickConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(7).WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(new PerItemColumn());
    }
}

/// <summary>Mean time per item, ns: the mean time per invocation divided by the suite's <c>ItemsPerInvoke</c>.</summary>
public sealed class PerItemColumn : IColumn
{
    public string Id => nameof(PerItemColumn);

    public string ColumnName => "ns/item";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Mean time per item (neuron update, synaptic event or tick, see the suite), ns";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var parameters = benchmarkCase.Parameters.Items.ToDictionary(p => p.Name, p => p.Value);
        Type type = benchmarkCase.Descriptor.Type;
        double items = type == typeof(NeuronUpdateBenchmarks) ? NeuronUpdateBenchmarks.ItemsPerInvoke(parameters)
            : type == typeof(SynapticDeliveryBenchmarks) ? SynapticDeliveryBenchmarks.ItemsPerInvoke(parameters)
            : type == typeof(CubaTickBenchmarks) ? CubaTickBenchmarks.ItemsPerInvoke(parameters)
            : type == typeof(DenseRowBenchmarks) ? DenseRowBenchmarks.ItemsPerInvoke(parameters)
            : double.NaN;
        return mean is null || double.IsNaN(items) ? "-" : (mean.Value / items).ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
    }
}
