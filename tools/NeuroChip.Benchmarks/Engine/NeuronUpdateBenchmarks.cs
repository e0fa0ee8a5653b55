using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Neurons;

namespace NeuroChip.Benchmarks.Engine;

/// <summary>
/// The Update phase: one neuron update per operation. <c>Engine</c> is the simulator's vectorised
/// kernel (a bias-only image, so Deliver and Route have nothing to do; the per-tick overhead is
/// included); <c>Scalar</c> steps <see cref="LifFixedModel.Step"/> neuron by neuron over the same
/// structure-of-arrays state; <c>MathNet</c> is the naive float baseline, whole-vector operations that
/// allocate a new vector per stage.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(QuickConfig))]
public class NeuronUpdateBenchmarks : IDisposable
{
    private const int Ticks = 200;

    private Simulator simulator = null!;
    private LifFixedParameters parameters;
    private int[] u = [];
    private int[] v = [];
    private int[] refractory = [];
    private Vector<double> uFloat = null!;
    private Vector<double> vFloat = null!;

    [Params(1024, 4096, 16384)]
    public int Neurons { get; set; }

    /// <summary>Neuron updates per invocation: <see cref="Ticks"/> × <see cref="Neurons"/>.</summary>
    public static double ItemsPerInvoke(IReadOnlyDictionary<string, object> parameters) => Ticks * (double)(int)parameters[nameof(Neurons)];

    [GlobalSetup]
    public void Setup()
    {
        ChipSpec chip = ChipSpecLoader.LoadPreset("nc-ref");
        ChipImage image = BenchmarkImages.BiasOnly(chip, Neurons, seed: 7);
        simulator = new Simulator(image);
        parameters = LifFixedParameters.From(BenchmarkImages.LeakyProfile, 4000, 2);
        var random = new Random(7);
        u = new int[Neurons];
        v = Enumerable.Range(0, Neurons).Select(_ => random.Next(parameters.ThresholdScaled)).ToArray();
        refractory = new int[Neurons];
        uFloat = Vector<double>.Build.Dense(Neurons);
        vFloat = Vector<double>.Build.Dense(Neurons, i => v[i]);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        simulator.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public int Engine()
    {
        RunResult result = simulator.Run(Ticks);
        return result.Ticks;
    }

    [Benchmark]
    public int Scalar()
    {
        int spikes = 0;
        for (int t = 0; t < Ticks; t++)
        {
            for (int i = 0; i < u.Length; i++)
            {
                LifFixedState next = LifFixedModel.Step(new LifFixedState(u[i], v[i], refractory[i]), parameters, 0, out bool spike);
                u[i] = next.U;
                v[i] = next.V;
                refractory[i] = next.Refractory;
                spikes += spike ? 1 : 0;
            }
        }

        return spikes;
    }

    [Benchmark(Baseline = true)]
    public int MathNet()
    {
        double keepU = parameters.KeepU / 4096.0;
        double keepV = parameters.KeepV / 4096.0;
        double threshold = parameters.ThresholdScaled;
        double bias = parameters.Bias;
        int spikes = 0;
        for (int t = 0; t < Ticks; t++)
        {
            uFloat = uFloat * keepU;
            vFloat = (vFloat * keepV) + uFloat + bias;
            for (int i = 0; i < vFloat.Count; i++)
            {
                if (vFloat[i] > threshold)
                {
                    vFloat[i] = 0;
                    spikes++;
                }
            }
        }

        return spikes;
    }
}
