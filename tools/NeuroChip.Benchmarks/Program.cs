using BenchmarkDotNet.Running;
using NeuroChip.Benchmarks.Conversion;
using NeuroChip.Benchmarks.Cuba;
using NeuroChip.Benchmarks.Learning;
using NeuroChip.Benchmarks.Mapping;
using NeuroChip.EventSim;

namespace NeuroChip.Benchmarks;

/// <summary>
/// Entry point. The first argument picks a mode: <c>cuba</c> runs the CUBA side-by-side measurement
/// (<see cref="CubaBenchmark"/>), <c>mapping</c> the compiler's scale and placement measurement, <c>conversion</c> chip-SNN
/// inference throughput (<see cref="ConversionThroughputBenchmark"/>)
/// (<see cref="MappingScaleBenchmark"/>), <c>learning</c> on-chip learning throughput and learning energy per sample
/// (<see cref="LearningBenchmark"/>); anything else goes to BenchmarkDotNet's switcher
/// (e.g. <c>--filter *NeuronUpdate*</c>).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "";
        try
        {
            switch (mode)
            {
                case "cuba":
                    return CubaBenchmark.Run(args[1..]);
                case "mapping":
                    return MappingScaleBenchmark.Run(args[1..]);
                case "conversion":
                    return ConversionThroughputBenchmark.Run(args[1..]);
                case "learning":
                    return LearningBenchmark.Run(args[1..]);
                default:
                    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                    return 0;
            }
        }
        catch (UserInputException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
