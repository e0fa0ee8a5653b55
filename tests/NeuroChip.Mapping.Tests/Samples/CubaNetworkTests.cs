using NeuroChip.Mapping.Samples;

namespace NeuroChip.Mapping.Tests.Samples;

public sealed class CubaNetworkTests
{
    private static readonly Lazy<CubaNetwork> Classic = new(() => CubaNetwork.Build(ChipSpecLoader.LoadPreset("nc-ref"), new CubaSpec()));

    [Fact]
    public void Build_ClassicOnNcRef_ImageValidatesAndHolds4000Neurons()
    {
        ChipImage image = Classic.Value.Image;

        Assert.Empty(ChipImageValidator.Validate(image));
        Assert.Equal(4000, image.Cores.Sum(c => c.Neurons.Count));
        // 4,000 neurons need at least ⌈4000/1024⌉ = 4 cores; with 15-bit synapses (≤ 6-bit weight + 10-bit index,
        // no delays) and a 32-bit header per row, 5 cores would need ≈ 64,000·15 + 4,000·32 ≈ 1.09 Mbit per core,
        // over the 1,048,576-bit limit, so the builder must use more than 5.
        Assert.True(image.Cores.Count > 5, $"{image.Cores.Count} cores");
        Assert.All(image.Cores, c => Assert.True(SynapseMemory.CoreBits(c, image.Chip) <= image.Chip.Core.SynapseMemoryBits));
    }

    [Fact]
    public void Build_ClassicOnNcRef_ConnectivityIsTwoPercentWithoutSelfConnections()
    {
        ChipImage image = Classic.Value.Image;
        // Every CUBA weight is non-zero (+9·2² or −25·2³), so the non-zero entries are the synapses; a row the compiler
        // stored dense may carry zero padding between them.
        long synapses = image.Cores.Sum(c => c.Axons.Sum(r => (long)r.Weights.Count(w => w != 0)));

        // 4,000 · 3,999 = 15,996,000 ordered pairs, each drawn with p = 0.02: mean 319,920,
        // σ = √(15,996,000 · 0.02 · 0.98) = 559.9. Five σ: 319,920 ± 2,800.
        Assert.InRange(synapses, 317_120, 322_720);

        // No neuron reaches itself: follow each neuron's routes into the rows it drives.
        var byId = image.Cores.ToDictionary(c => c.CoreId);
        foreach (CoreConfig core in image.Cores)
        {
            for (int n = 0; n < core.Neurons.Count; n++)
            {
                for (int k = core.Routes.Offsets[n]; k < core.Routes.Offsets[n + 1]; k++)
                {
                    if (core.Routes.DestinationCores[k] == core.CoreId)
                    {
                        SynapseRow row = byId[core.CoreId].Axons[core.Routes.DestinationAxons[k]];
                        Assert.DoesNotContain(n, Enumerable.Range(0, row.Count).Where(e => row.Weights[e] != 0).Select(e => Target(row, e)));
                    }
                }
            }
        }
    }

    [Fact]
    public void Build_ClassicOnNcRef_ExcitatoryNeuronsDriveOnlyPositiveRows()
    {
        CubaNetwork network = Classic.Value;
        var byId = network.Image.Cores.ToDictionary(c => c.CoreId);
        for (int global = 0; global < network.Spec.NeuronCount; global++)
        {
            (int coreId, int n) = network.Locate(global);
            RouteTable routes = byId[coreId].Routes;
            for (int k = routes.Offsets[n]; k < routes.Offsets[n + 1]; k++)
            {
                SynapseRow row = byId[routes.DestinationCores[k]].Axons[routes.DestinationAxons[k]];
                Assert.All(row.Weights, w => Assert.Equal(global < 3200, w > 0));
            }
        }
    }

    [Fact]
    public void Build_ClassicOnNcRef_ComesFromTheCompilerAndPassesTheRouteCheck()
    {
        CubaNetwork network = Classic.Value;

        // Every drawn synapse is delivered: 4,000 sources checked, and the delivered count equals the drawn one.
        Assert.NotNull(network.Compilation.RouteCheck);
        Assert.True(network.Compilation.RouteCheck!.Passed, string.Join("\n", network.Compilation.RouteCheck.Errors));
        Assert.Equal(4000, network.Compilation.RouteCheck.SourcesChecked);
        Assert.Equal(network.SynapseCount, network.Compilation.RouteCheck.SynapsesDelivered);
        Assert.Equal(network.Image.Cores.Count, network.Compilation.Partition.Slices.Count);
    }

    [Fact]
    public void Derive_ClassicSpec_RegistersMatchTheHandDerivation()
    {
        CubaFixedPoint f = CubaFixedPoint.Derive(new CubaSpec());

        // dv = round(4096·(1 − e^(−0.1/20))) = round(20.43) = 20; du = round(4096·(1 − e^(−0.1/5))) − 1 = 81 − 1 = 80.
        Assert.Equal(20, f.DecayV);
        Assert.Equal(80, f.DecayU);
        // g = 50·(81/4096)·(20/4096) = 0.00482798; S = 64·36/(1.62·g) = 294,579.4 units/mV; vth = round(10·S/64) = 46,028.
        Assert.Equal(46_028, f.ThresholdMantissa);
        // b = S·11 mV·20/4096 = 15,822.1 → mantissa ≤ 4,095 first at exponent 2: round(3,955.5) = 3,956.
        Assert.Equal((3956, 2), (f.BiasMantissa, f.BiasExponent));
        // 36 = 9 << 2 (5-bit mantissa); −200 = −25 << 3 (6-bit mantissa).
        Assert.Equal(new RowWeight(9, 2, 5), f.Excitatory);
        Assert.Equal(new RowWeight(-25, 3, 6), f.Inhibitory);
        // v held for the spike tick + 49 = 50 ticks = 5 ms.
        Assert.Equal(49, f.RefractoryTicks);
    }

    [Fact]
    public void Build_ClassicOnNcRef_WeightsDecodeToTheModelWithinTheQuantisationStep()
    {
        CubaNetwork network = Classic.Value;
        CoreConfig core = network.Image.Cores[0];
        NeuronProfile profile = core.Profiles[0];

        // Decode from the image alone: S from the threshold (10 mV = vth·64 / S) and g from the decays.
        double scale = profile.ThresholdMantissa * 64 / 10.0;
        double keepV = (4096 - profile.DecayV) / 4096.0;
        double keepU = (4096 - profile.DecayU - 1) / 4096.0;
        double gain = 5 / 0.1 * (1 - keepU) * (1 - keepV);
        double Decode(SynapseRow row) => 64.0 * row.Weights[0] * (1 << row.WeightExponent) / (scale * gain);
        double Step(SynapseRow row) => 64.0 * (1 << row.WeightExponent) / (scale * gain);

        SynapseRow excitatory = RowOf(network, neuron: 0);
        SynapseRow inhibitory = RowOf(network, neuron: network.Spec.NeuronCount - 1);
        // One mantissa step is 4·1.62/36 = 0.18 mV (excitatory) and 8·1.62/36 = 0.36 mV (inhibitory); the
        // derivation makes both weights exact, so the decoded values sit well inside half a step.
        Assert.InRange(Decode(excitatory), 1.62 - (Step(excitatory) / 2), 1.62 + (Step(excitatory) / 2));
        Assert.InRange(Decode(inhibitory), -9 - (Step(inhibitory) / 2), -9 + (Step(inhibitory) / 2));
        Assert.Equal(1.62, Decode(excitatory), 3);
        Assert.Equal(-9, Decode(inhibitory), 3);
    }

    [Fact]
    public void Build_ClassicOnNcRef_InitialVoltagesLieBetweenResetAndThreshold()
    {
        ChipImage image = Classic.Value.Image;
        int top = image.Cores[0].Profiles[0].ThresholdMantissa << 6;
        int[] all = [.. image.Cores.SelectMany(c => c.Neurons.InitialV)];

        Assert.All(all, v => Assert.InRange(v, 0, top - 1));
        // Uniform on [0, top): the mean of 4,000 draws is top/2 with σ = top/√12/√4000 ≈ 0.0046·top.
        Assert.InRange(all.Average(), top * 0.48, top * 0.52);
    }

    [Fact]
    public void Derive_ThresholdBelowReset_ThrowsUserInputException()
    {
        var e = Assert.Throws<UserInputException>(() => CubaFixedPoint.Derive(new CubaSpec { ThresholdMv = -70 }));
        Assert.Contains("ThresholdMv", e.Message, StringComparison.Ordinal);
    }

    private static int Target(SynapseRow row, int entry) => row switch
    {
        SparseRow sparse => sparse.Targets[entry],
        DenseRow dense => dense.FirstTarget + entry,
        _ => throw new InvalidOperationException("Unknown row type."),
    };

    /// <summary>The first row that neuron <paramref name="neuron"/> (global index) drives.</summary>
    private static SynapseRow RowOf(CubaNetwork network, int neuron)
    {
        (int coreId, int n) = network.Locate(neuron);
        RouteTable routes = network.Image.Cores.Single(c => c.CoreId == coreId).Routes;
        int k = routes.Offsets[n];
        return network.Image.Cores.Single(c => c.CoreId == routes.DestinationCores[k]).Axons[routes.DestinationAxons[k]];
    }
}
