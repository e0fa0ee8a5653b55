using NeuroChip.Mapping.Emit;
using NeuroChip.Mapping.Placement;
using NeuroChip.Mapping.Routing;
namespace NeuroChip.Mapping.Tests.Compilation;

/// <summary>
/// The compiler's end-to-end invariants over generated cases: random layered graphs (<see cref="RandomGraphs"/>: dense
/// and sparse projections, IF, LIF and CUBA neurons, scales, delayed recurrence), random core sizes, both exponent
/// modes and random placement seeds.
/// </summary>
public sealed class CompilerEquivalencePropertyTests
{
    private const int Ticks = 40;

    private static readonly Gen<(int Graph, int Neurons, bool PerRow, int Placement, int Input)> Cases =
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 24], Gen.Bool, Gen.Int[1, 1_000], Gen.Int);

    private static CompilationResult Compile((int Graph, int Neurons, bool PerRow, int Placement, int Input) c) =>
        Compiler.Compile(RandomGraphs.Build(c.Graph), TestChips.Small(c.Neurons, c.PerRow), new CompilerOptions { Placement = new() { Seed = c.Placement, Iterations = 2_000 } });

    [Fact]
    public void Compile_RandomGraphs_ImageSpikesLikeTheReferenceSimulation()
    {
        // The emitted image on the event engine and a direct simulation of the quantised network must give the same
        // spikes (neuron and tick) for random input spikes (density 30 % for the first 30 ticks). 600 cases take about
        // 10 s on two cores.
        Cases.Sample(c =>
        {
            CompilationResult result = Compile(c);
            var random = new Random(c.Input);
            int channels = result.Network.Inputs[0].Size;
            var input = new List<(int Tick, int Input, int Channel)>();
            var schedule = new InputSchedule();
            for (int t = 0; t < Ticks - 10; t++)
            {
                for (int ch = 0; ch < channels; ch++)
                {
                    if (random.NextDouble() < 0.3)
                    {
                        input.Add((t, 0, ch));
                        schedule.AddSpike(t, "in", ch);
                    }
                }
            }

            List<(int Tick, int Population, int Neuron)> expected = ReferenceSimulator.Run(result.Network, Ticks, input);
            using var simulator = new Simulator(result.Image, new SimulatorOptions { RecordSpikes = true });
            List<(int Tick, int Population, int Neuron)> actual = EquivalenceTests.ToPopulations(simulator.Run(Ticks, schedule).Spikes, result);
            Assert.Equal(expected.Count, actual.Count);
            Assert.Equal(expected, actual);
        }, iter: 600);
    }

    [Fact]
    public void Compile_RandomGraphs_PlacementNeverCostsMoreThanNaive()
    {
        // Cost recomputed here from the image alone: every route entry from a neuron's core to another core is one packet
        // per tick (rate 1, the compiler's default) times the Manhattan distance between the two cores' tiles. Naive
        // placement puts slice i on core i. The placement must cost no more than naive, and the report must say so truly.
        Cases.Sample(c =>
        {
            CompilationResult result = Compile(c);
            var mesh = new MeshTopology(result.Image.Chip.Mesh);
            var sliceOfCore = result.Partition.Slices.ToDictionary(s => result.CoreOfSlice[s.Index], s => s.Index);
            double placed = 0, naive = 0;
            foreach (CoreConfig core in result.Image.Cores)
            {
                for (int e = 0; e < core.Routes.EntryCount; e++)
                {
                    int to = core.Routes.DestinationCores[e];
                    placed += Hops(mesh, core.CoreId, to);
                    naive += Hops(mesh, sliceOfCore[core.CoreId], sliceOfCore[to]);
                }
            }

            Assert.True(placed <= naive + 1e-9, $"placed {placed} > naive {naive}");
            Assert.Equal(placed, result.PlacementReport.Cost, 6);
            Assert.Equal(naive, result.PlacementReport.NaiveCost, 6);
        }, iter: 300);
    }

    [Fact]
    public void RouteChecker_AnySingleWeightOrRouteMutation_IsCaughtUnlessItDeliversTheSame()
    {
        // One change to a compiled image: a weight mantissa (including a dense row's zero padding) set to another value
        // with a different effective weight, or one route entry sent to another axon. The route checker must fail,
        // unless the change delivers exactly the same synapses (a redirected route whose new row delivers what the old
        // one did), which no check can or should tell apart.
        Gen.Select(Cases, Gen.Int).Sample((c, mutationSeed) =>
        {
            CompilationResult result = Compile(c);
            var random = new Random(mutationSeed);
            var cores = result.Image.Cores.ToList();
            (ChipImage mutated, bool same, string what) = random.Next(2) == 0 && cores.Any(k => k.Routes.EntryCount > 0)
                ? RedirectRoute(result, random)
                : ChangeWeight(result, random);
            RouteCheckReport report = RouteChecker.Check(mutated, result.Network, result.Partition, result.CoreOfSlice);
            if (!same)
            {
                Assert.False(report.Passed, $"not caught: {what}");
            }
        }, iter: 400);
    }

    private static int Hops(MeshTopology mesh, int a, int b)
    {
        (int ax, int ay) = mesh.CorePosition(a);
        (int bx, int by) = mesh.CorePosition(b);
        return Math.Abs(ax - bx) + Math.Abs(ay - by);
    }

    private static (ChipImage, bool, string) ChangeWeight(CompilationResult result, Random random)
    {
        CoreConfig[] withRows = result.Image.Cores.Where(k => k.Axons.Any(r => r.Count > 0)).ToArray();
        if (withRows.Length == 0)
        {
            // Every weight of the network quantised to zero and no row was stored: there is no synapse to change.
            return (result.Image, true, "no stored synapse");
        }

        CoreConfig core = withRows[random.Next(withRows.Length)];
        int[] axons = Enumerable.Range(0, core.Axons.Count).Where(a => core.Axons[a].Count > 0).ToArray();
        int axon = axons[random.Next(axons.Length)];
        SynapseRow row = core.Axons[axon];
        int k = random.Next(row.Count);
        int max = row.WeightBits == 1 ? 1 : (1 << (row.WeightBits - 1)) - 1, min = row.WeightBits == 1 ? -1 : -(1 << (row.WeightBits - 1));
        long before = FixedMath.ShiftByExponent(row.Weights[k], row.WeightExponent);
        int[] candidates = Enumerable.Range(min, max - min + 1).Where(m => FixedMath.ShiftByExponent(m, row.WeightExponent) != before).ToArray();
        short[] weights = (short[])row.Weights.Clone();
        weights[k] = (short)candidates[random.Next(candidates.Length)];
        ChipImage image = Replace(result.Image, core with { Axons = [.. core.Axons.Select((r, a) => a == axon ? r with { Weights = weights } : r)] });
        return (image, false, $"core {core.CoreId} axon {axon} weight {k}: {row.Weights[k]} → {weights[k]} (exponent {row.WeightExponent})");
    }

    private static (ChipImage, bool, string) RedirectRoute(CompilationResult result, Random random)
    {
        CoreConfig[] withRoutes = result.Image.Cores.Where(k => k.Routes.EntryCount > 0).ToArray();
        CoreConfig core = withRoutes[random.Next(withRoutes.Length)];
        int e = random.Next(core.Routes.EntryCount);
        int destination = core.Routes.DestinationCores[e], oldAxon = core.Routes.DestinationAxons[e];
        CoreConfig target = result.Image.Cores.Single(k => k.CoreId == destination);
        if (target.Axons.Count < 2)
        {
            return ChangeWeight(result, random);
        }

        int newAxon = (oldAxon + 1 + random.Next(target.Axons.Count - 1)) % target.Axons.Count;
        int[] axons = (int[])core.Routes.DestinationAxons.Clone();
        axons[e] = newAxon;
        ChipImage image = Replace(result.Image, core with { Routes = core.Routes with { DestinationAxons = axons } });
        bool same = Delivered(target.Axons[oldAxon]).SequenceEqual(Delivered(target.Axons[newAxon]));
        return (image, same, $"core {core.CoreId} route {e}: core {destination} axon {oldAxon} → {newAxon}");
    }

    /// <summary>The (target, effective weight, delay) triples a row delivers, zeros left out, in order.</summary>
    private static IEnumerable<(int Target, long Weight, int Delay)> Delivered(SynapseRow row) =>
        Enumerable.Range(0, row.Count)
            .Select(k => (Target: row is SparseRow s ? s.Targets[k] : ((DenseRow)row).FirstTarget + k,
                Weight: FixedMath.ShiftByExponent(row.Weights[k], row.WeightExponent),
                Delay: row is SparseRow sr ? sr.DelayAt(k) : ((DenseRow)row).Delay))
            .Where(t => t.Weight != 0)
            .Order();

    private static ChipImage Replace(ChipImage image, CoreConfig core) =>
        image with { Cores = [.. image.Cores.Select(k => k.CoreId == core.CoreId ? core : k)] };
}
