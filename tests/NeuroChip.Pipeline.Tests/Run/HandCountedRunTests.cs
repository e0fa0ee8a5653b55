using NeuroChip.Data;
using NeuroChip.Mapping.Graph;
using NeuroChip.Pipeline.Reports;
namespace NeuroChip.Pipeline.Tests.Run;

/// <summary>The whole pipeline on a slice of digits, checked against spike and synaptic-op counts derived by hand.</summary>
public sealed class HandCountedRunTests : IDisposable
{
    private const int Samples = 6;
    private const int T = 8;

    // Readout depth: pixels → enc (the input neurons) → h → out is two hops of one tick, so each sample runs N = T + 2 ticks.
    private const int N = T + 2;

    private readonly string root = Directory.CreateTempSubdirectory("neurochip-hand-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Run_HandCountedNetworkOnDigits_ReportCountsEqualHandCounts()
    {
        string model = Path.Combine(root, "hand.json");
        NetworkGraphJson.Write(model, HandCountedNetwork.Build());
        string output = Path.Combine(root, "out");

        RunReport report = RunPipeline.Run(new RunOptions { ModelPath = model, Timesteps = [T], Limit = Samples, OutputDirectory = output, Seed = 1 });

        // Hand count from the raw pixel values k (0–16) of the same test samples.
        Dataset test = DatasetCatalog.Load(DigitsDataset.Name, seed: 1).Test.Take(Samples);
        long enc = 0, h = 0, outSpikes = 0, packets = 0, synapticOps = 0;
        for (int s = 0; s < Samples; s++)
        {
            int[] k = Pixels(test, s);
            for (int i = 0; i < HandCountedNetwork.Inputs; i++)
            {
                enc += HandCountedNetwork.Spikes(k[i], N);                 // enc spikes in all N ticks
                h += HandCountedNetwork.Spikes(k[i], N - 1);               // enc spikes of ticks 0..N-2 arrive in time
                packets += HandCountedNetwork.Spikes(k[i], N)              // every enc spike sends one packet (to h's core)
                    + HandCountedNetwork.Spikes(k[i], N - 1);              // and every h spike one (to out's core)
                synapticOps += (64 * HandCountedNetwork.Spikes(k[i], N - 1)) // enc spikes delivered by tick N-1, 64 synapses each
                    + (10 * HandCountedNetwork.Spikes(k[i], N - 2));        // h spikes delivered by tick N-1, 10 synapses each
            }

            for (int j = 0; j < HandCountedNetwork.Classes; j++)
            {
                outSpikes += HandCountedNetwork.Spikes(k[j], N - 2);       // out_j copies h_j, whose spikes of ticks 0..N-2 arrive
            }
        }

        ChipDetail d = report.Detail;
        Assert.Equal(["enc", "h", "out"], d.Layers.Select(l => l.Layer));
        Assert.Equal(enc, Math.Round(d.Layers[0].SpikesPerInference * Samples));
        Assert.Equal(h, Math.Round(d.Layers[1].SpikesPerInference * Samples));
        Assert.Equal(outSpikes, Math.Round(d.Layers[2].SpikesPerInference * Samples));
        ChipRunSummary work = Assert.Single(report.PerTimestep);
        Assert.Equal(enc + h + outSpikes, Math.Round(work.SpikesPerInference * Samples));
        Assert.Equal(synapticOps, Math.Round(work.SynapticOpsPerInference * Samples));
        Assert.Equal(packets, Math.Round(work.PacketsPerInference * Samples));
        Assert.Equal(synapticOps, Math.Round(d.Baseline.AcsPerInference * Samples));
        Assert.Equal(0, d.Baseline.MacsPerInference); // a spiking model has no ANN to count

        // The raster of test sample 0, layer by layer, and the exact spike ticks of one enc neuron.
        int[] first = Pixels(test, 0);
        Assert.Equal(first.Sum(k => HandCountedNetwork.Spikes(k, N)), d.Raster.Layer.Count(l => l == 0));
        Assert.Equal(first.Sum(k => HandCountedNetwork.Spikes(k, N - 1)), d.Raster.Layer.Count(l => l == 1));
        Assert.Equal(first.Take(10).Sum(k => HandCountedNetwork.Spikes(k, N - 2)), d.Raster.Layer.Count(l => l == 2));
        int bright = Array.IndexOf(first, first.Max());
        int[] ticks = [.. Enumerable.Range(0, d.Raster.Tick.Length).Where(i => d.Raster.Layer[i] == 0 && d.Raster.Neuron[i] == bright).Select(i => d.Raster.Tick[i])];
        int[] expected = [.. Enumerable.Range(0, N).Where(t => HandCountedNetwork.Spikes(first[bright], t + 1) > HandCountedNetwork.Spikes(first[bright], t))];
        Assert.Equal(expected, ticks);

        Assert.True(File.Exists(Path.Combine(output, RunReportFiles.JsonName)));
        Assert.True(File.Exists(Path.Combine(output, RunReportFiles.HtmlName)));
    }

    private static int[] Pixels(Dataset data, int sample) => [.. data.Sample(sample).ToArray().Select(v => (int)Math.Round(v * DigitsDataset.MaxPixelValue))];
}
