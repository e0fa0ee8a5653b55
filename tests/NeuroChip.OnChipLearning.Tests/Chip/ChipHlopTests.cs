namespace NeuroChip.OnChipLearning.Tests.Chip;

public sealed class ChipHlopTests
{
    private static readonly SnnSpec Net = new() { Inputs = 24, Hidden = [16], Outputs = 3, Timesteps = 4 };

    private static double[] FirstLayerCurrents(ChipSnn chip, float[] x)
    {
        int post = Net.Hidden[0];
        float[] w = chip.Weights(0);
        return Enumerable.Range(0, post).Select(i => Enumerable.Range(0, x.Length).Sum(j => (double)w[(j * post) + i] * x[j])).ToArray();
    }

    [Fact]
    public void Train_SecondTaskWithHlop_KeepsTheFirstLayerCurrentsOfOldInputs()
    {
        // The chip twin of the float reference's test: task A's inputs span 3 directions of R^24, task B's another 3.
        // With 3 lateral rows on the input layer learned on the chip during task A, task B's first-layer updates have
        // their presynaptic factor projected off span(A) in fixed point, so the currents W0ᵀ·x of task A's inputs move
        // only by the part of span(A) the rows miss, plus the projection's rounding: 2^−4 of a Q8 input unit per pixel,
        // about 1e-3 of a typical projected factor. The unprotected chip moves them freely. As for the float
        // reference, HLOP's largest change must stay below 10 % of the unprotected one (η_H = 0.5 because the weakest
        // direction of task A's second moment has eigenvalue ≈ 0.015).
        var rule = new LearningRuleSpec { LearningRate = 0.05, Seed = 3 };
        var basisRng = new Random(17);
        float[][] a = HlopTaskData.Basis(24, basisRng);
        float[][] b = HlopTaskData.Basis(24, basisRng);
        var hlop = new HlopSpec { FirstTaskRows = [3, 8], LaterTaskRows = [3, 8], HebbianRates = [0.5, 0.01], BatchSize = 16 };
        IReadOnlyList<float[]> initial = Enumerable.Range(0, 2).Select(l => (float[])new ReferenceLearningSnn(Net, rule, 2f).Weights(l).Clone()).ToList();

        (double Change, ChipSnn Chip) Run(bool protect)
        {
            var options = new ChipLearningOptions { Hlop = protect ? hlop : null, HlopTasks = 2 };
            var chip = new ChipSnn(Net, rule, ChipSpecLoader.LoadPreset("nc-learn"), options, initial.Select(w => (float[])w.Clone()).ToList());
            var rng = new Random(4);
            chip.BeginTask(0);
            for (int s = 0; s < 1200; s++)
            {
                (float[] x, int y) = HlopTaskData.Sample(a, rng);
                chip.Train(x, y);
            }

            float[][] probes = Enumerable.Range(0, 20).Select(_ => HlopTaskData.Sample(a, rng).X).ToArray();
            double[][] before = probes.Select(p => FirstLayerCurrents(chip, p)).ToArray();
            chip.BeginTask(1);
            for (int s = 0; s < 1200; s++)
            {
                (float[] x, int y) = HlopTaskData.Sample(b, rng);
                chip.Train(x, y);
            }

            double change = probes.Select((p, k) => FirstLayerCurrents(chip, p).Zip(before[k], (u, v) => Math.Abs(u - v)).Max()).Max();
            return (change, chip);
        }

        (double plain, ChipSnn unprotected) = Run(protect: false);
        (double protectedChange, ChipSnn chip) = Run(protect: true);
        using (unprotected)
        using (chip)
        {
            Assert.True(plain > 0.05, $"unprotected training must move old currents (moved {plain:F4})");
            Assert.True(protectedChange < 0.1 * plain, $"HLOP moved old currents by {protectedChange:F5}, unprotected by {plain:F4}");
            Assert.Equal([3, 6], [chip.FrozenLateralRows(0), chip.LateralRows(0)]);
            Assert.Equal(0, unprotected.LateralRows(0));
            Assert.True(chip.Counters.LateralSynapticOps > 0 && chip.Counters.LateralSynapticUpdates > 0);
            Assert.Equal(0, unprotected.Counters.LateralSynapticOps);
        }
    }

    private static ChipSpec SmallChip()
    {
        ChipSpec learn = ChipSpecLoader.LoadPreset("nc-learn");
        return learn with
        {
            Name = "small",
            Mesh = new MeshSpec { TilesX = 1, TilesY = 1, CoresPerTile = 4 },
            Core = learn.Core with { SynapseMemoryBits = 16_384 },
        };
    }

    [Fact]
    public void Build_LateralNeuronsBeyondTheChipsCores_IsRefusedByTheCompilerWithTheNumbers()
    {
        // 4 cores of 16,384 bits. The network takes 2: layer 1 fits (16,384 − 24·32) / (24·16) = 40 neurons a core,
        // layer 2 (16,384 − 16·32) / (16·16) = 62. Ten lateral rows per layer with the paper's batch of 64 and momentum:
        // on layer 1 the batch buffer takes 64·24·9 = 13,824 bits, leaving 16,384 − 768 − 13,824 = 1,792 for rows of
        // 24·(16 + 24) = 960 bits: 1 row a core, 10 cores; on layer 2, 16,384 − 512 − 64·16·9 = 6,656 bits for rows of
        // 640: 10 rows, 1 core. 2 + 10 + 1 = 13 cores of the 4 there: the partitioner refuses, naming the binding limit.
        var hlop = new HlopSpec { FirstTaskRows = [10, 10] };
        var e = Assert.Throws<EventSim.UserInputException>(() =>
            LearningLayout.Build(Net, SmallChip(), new ChipLearningOptions { Hlop = hlop }, false, [new float[24 * 16], new float[16 * 3]]));
        Assert.Contains("needs 13 cores but chip", e.Message);
        Assert.Contains("has 4", e.Message);
        Assert.Contains("population 'HLOP lateral, layer 1': 10 neurons in 10 slices of ≤ 1 (limited by synapse memory bits)", e.Message);
        Assert.Contains("population 'HLOP lateral, layer 2': 10 neurons in 1 slices of ≤ 10", e.Message);
    }

    [Fact]
    public void Build_LateralNeuronsWithoutRegistersOrBatch_FitAndCountTheirMemory()
    {
        // The same rows with batches of one sample and no momentum need no register and a 1-sample buffer: layer 1
        // fits (16,384 − 768 − 24·9) / (24·16) = 40 rows a core, layer 2 (16,384 − 512 − 16·9) / (16·16) = 61: one core
        // each, 4 cores in all. H takes 10·24·16 = 3,840 and 10·16·16 = 2,560 bits; the image's synapse memory counts
        // them beside the network's.
        var hlop = new HlopSpec { FirstTaskRows = [10, 10], BatchSize = 1, Momentum = 0 };
        LearningLayout layout = LearningLayout.Build(Net, SmallChip(), new ChipLearningOptions { Hlop = hlop }, false, [new float[24 * 16], new float[16 * 3]]);
        Assert.Equal(4, layout.Image.Cores.Count);
        Assert.Equal([3_840L, 2_560L], layout.Lateral.Select(l => l.WeightMemoryBits));
        Assert.Equal([0L, 0L], layout.Lateral.Select(l => l.RegisterMemoryBits));
        Assert.Equal([24L * 9, 16L * 9], layout.Lateral.Select(l => l.BatchMemoryBits));
        CoreConfig lateralCore = layout.Image.Cores.Single(c => c.CoreId == layout.Lateral[0].Slices[0].CoreId);
        Assert.Equal((24 * 32) + 3_840, SynapseMemory.CoreBits(lateralCore, SmallChip()));
    }

    [Fact]
    public void Build_TwoTasksOfThePaperSchedule_ReserveRowsForBoth()
    {
        // Rows reserved are the schedule's sum over the planned tasks, capped at the fan-in: layer 1 80 + 70 = 150,
        // layer 2 min(16, 200 + 70) = 16 on a 784-16-3 network.
        var net = new SnnSpec { Inputs = 784, Hidden = [16], Outputs = 3, Timesteps = 4 };
        LearningLayout layout = LearningLayout.Build(net, ChipSpecLoader.LoadPreset("nc-learn"), new ChipLearningOptions { Hlop = new HlopSpec(), HlopTasks = 2 }, false, [new float[784 * 16], new float[16 * 3]]);
        Assert.Equal([150, 16], layout.Lateral.Select(l => l.Rows));
    }
}
