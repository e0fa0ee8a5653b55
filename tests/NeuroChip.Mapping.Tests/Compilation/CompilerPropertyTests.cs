namespace NeuroChip.Mapping.Tests.Compilation;

/// <summary>The compiler's invariants on random graphs and random core sizes.</summary>
public sealed class CompilerPropertyTests
{
    private static readonly Gen<(int Seed, int Neurons, bool PerRow)> Cases = Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[4, 24], Gen.Bool);

    [Fact]
    public void Compile_RandomGraphs_EveryNeuronPlacedExactlyOnce()
    {
        Cases.Sample(c =>
        {
            CompilationResult result = Compiler.Compile(RandomGraphs.Build(c.Seed), TestChips.Small(c.Neurons, c.PerRow));
            Assert.Equal(result.CoreOfSlice.Count, result.CoreOfSlice.Distinct().Count());
            Assert.Equal(result.Partition.Slices.Count, result.Image.Cores.Count);
            var coreById = result.Image.Cores.ToDictionary(core => core.CoreId);
            for (int p = 0; p < result.Network.Populations.Count; p++)
            {
                var covered = new int[result.Network.Populations[p].Size];
                foreach (CoreSlice slice in result.Partition.Slices.Where(s => s.Population == p))
                {
                    Assert.Equal(slice.NeuronCount, coreById[result.CoreOfSlice[slice.Index]].Neurons.Count);
                    for (int n = slice.FirstNeuron; n < slice.EndNeuron; n++)
                    {
                        covered[n]++;
                    }
                }

                Assert.All(covered, count => Assert.Equal(1, count));
            }
        }, iter: 40);
    }

    [Fact]
    public void Compile_RandomGraphs_EverySynapsePresentOnceWithItsQuantisedWeight()
    {
        Cases.Sample(c =>
        {
            CompilationResult result = Compiler.Compile(RandomGraphs.Build(c.Seed), TestChips.Small(c.Neurons, c.PerRow));
            List<Synapse> fromImage = ImageSynapses(result);
            List<Synapse> expected = NetworkSynapses(result.Network);
            Assert.Equal(expected.Count, fromImage.Count);
            Assert.Equal(expected, fromImage);
        }, iter: 40);
    }

    [Fact]
    public void Compile_RandomGraphs_NoCoreOverAnyLimitAndRoutesProved()
    {
        Cases.Sample(c =>
        {
            ChipSpec chip = TestChips.Small(c.Neurons, c.PerRow);
            CompilationResult result = Compiler.Compile(RandomGraphs.Build(c.Seed), chip);
            Assert.Empty(ChipImageValidator.Validate(result.Image));
            foreach (CoreConfig core in result.Image.Cores)
            {
                Assert.True(core.Neurons.Count <= chip.Core.MaxNeurons);
                Assert.True(core.Axons.Count <= chip.Core.MaxFanInAxons);
                Assert.True(core.Routes.EntryCount <= chip.Core.MaxFanOutRoutes);
                Assert.True(core.Profiles.Count <= chip.Core.MaxNeuronProfiles);
                Assert.True(SynapseMemory.CoreBits(core, chip) <= chip.Core.SynapseMemoryBits);
                if (!c.PerRow)
                {
                    Assert.True(core.Axons.Select(r => r.WeightExponent).Distinct().Count() <= 1, "one exponent per core");
                }
            }

            Assert.NotNull(result.RouteCheck);
            Assert.True(result.RouteCheck.Passed, string.Join("\n", result.RouteCheck.Errors));
        }, iter: 40);
    }

    private readonly record struct Synapse(int SourceKind, int Source, int SourceNeuron, int Population, int Neuron, int Weight, int Delay) : IComparable<Synapse>
    {
        public int CompareTo(Synapse other) =>
            (SourceKind, Source, SourceNeuron, Population, Neuron, Weight, Delay).CompareTo((other.SourceKind, other.Source, other.SourceNeuron, other.Population, other.Neuron, other.Weight, other.Delay));
    }

    /// <summary>
    /// Reads every synapse out of the image: which source drives each (core, axon) is found by inverting
    /// the route tables and input ports, which neuron a row targets by the core's slice.
    /// </summary>
    private static List<Synapse> ImageSynapses(CompilationResult result)
    {
        var sliceOfCore = result.Partition.Slices.ToDictionary(s => result.CoreOfSlice[s.Index]);
        var driver = new Dictionary<(int Core, int Axon), (int Kind, int Source, int Neuron)>();
        void Drive(RouteTable routes, int kind, int source, int first)
        {
            for (int i = 0; i < routes.SourceCount; i++)
            {
                for (int e = routes.Offsets[i]; e < routes.Offsets[i + 1]; e++)
                {
                    Assert.True(driver.TryAdd((routes.DestinationCores[e], routes.DestinationAxons[e]), (kind, source, first + i)), "each axon has exactly one driver");
                }
            }
        }

        foreach (CoreConfig core in result.Image.Cores)
        {
            CoreSlice slice = sliceOfCore[core.CoreId];
            Drive(core.Routes, (int)SourceKind.Population, slice.Population, slice.FirstNeuron);
        }

        foreach (SpikePort port in result.Image.SpikeInputs)
        {
            int input = result.Network.Inputs.Select((x, i) => (x, i)).Single(p => p.x.Name == port.Name).i;
            Drive(port.Channels, (int)SourceKind.Input, input, 0);
        }

        var synapses = new List<Synapse>();
        foreach (CoreConfig core in result.Image.Cores)
        {
            CoreSlice slice = sliceOfCore[core.CoreId];
            for (int axon = 0; axon < core.Axons.Count; axon++)
            {
                Assert.True(driver.TryGetValue((core.CoreId, axon), out var source), $"core {core.CoreId} axon {axon} has no driver");
                SynapseRow row = core.Axons[axon];
                for (int k = 0; k < row.Count; k++)
                {
                    int weight = (int)FixedMath.ShiftByExponent(row.Weights[k], row.WeightExponent);
                    (int target, int delay) = row is SparseRow s ? (s.Targets[k], s.DelayAt(k)) : (((DenseRow)row).FirstTarget + k, ((DenseRow)row).Delay);
                    if (weight == 0)
                    {
                        continue;
                    }

                    synapses.Add(new Synapse(source.Kind, source.Source, source.Neuron, slice.Population, slice.FirstNeuron + target, weight, delay));
                }
            }
        }

        synapses.Sort();
        return synapses;
    }

    /// <summary>Every synapse of the quantised network. Weights of 0 are left out on both sides: dense rows pad gaps with zeros, which deliver nothing.</summary>
    private static List<Synapse> NetworkSynapses(QuantizedNetwork network)
    {
        var synapses = new List<Synapse>();
        foreach (QuantizedProjection projection in network.Projections)
        {
            SynapseLayout layout = projection.Layout;
            for (int s = 0; s < layout.SourceCount; s++)
            {
                for (int k = layout.RowStart(s); k < layout.RowEnd(s); k++)
                {
                    int weight = projection.EffectiveWeight(s, k);
                    if (weight != 0)
                    {
                        synapses.Add(new Synapse((int)projection.Source.Kind, projection.Source.Index, s, projection.TargetPopulation, layout.TargetAt(s, k), weight, layout.DelayAt(k)));
                    }
                }
            }
        }

        synapses.Sort();
        return synapses;
    }
}
