using BenchmarkDotNet.Attributes;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Lowering;
using NeuroChip.Mapping.Quantization;

namespace NeuroChip.Benchmarks.Mapping;

/// <summary>
/// Whole compilation against its front half (lower + quantise) as the baseline, over network size, so the
/// cost of partitioning, placement, routing and emission shows as the ratio.
/// </summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private NetworkGraph graph = null!;
    private ChipSpec chip = null!;

    /// <summary>Width of the hidden layer of <c>in(W/2) → W → W/2</c>: W²  synapses.</summary>
    [Params(256, 1024)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        graph = BenchmarkNetworks.DenseChain(1, Width / 2, Width, Width / 2);
        chip = ChipSpecLoader.LoadPreset("nc-ref");
    }

    [Benchmark(Baseline = true)]
    public QuantizedNetwork LowerAndQuantize() => Quantizer.Quantize(Lowerer.Lower(graph), chip.Formats).Network;

    [Benchmark]
    public ChipImage Compile() => Compiler.Compile(graph, chip, new CompilerOptions { VerifyRoutes = false }).Image;
}
