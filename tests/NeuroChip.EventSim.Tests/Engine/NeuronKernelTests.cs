namespace NeuroChip.EventSim.Tests.Engine;

public sealed class NeuronKernelTests
{
    private static CoreRuntime RandomCore(Random rng, int n, bool uniform = false)
    {
        var profiles = Enumerable.Range(0, uniform ? 1 : n).Select(_ => new NeuronProfile
        {
            DecayU = rng.Next(0, 4096),
            DecayV = rng.Next(0, 4096),
            ThresholdMantissa = rng.Next(0, 131_072),
            Reset = (ResetMode)rng.Next(3),
            ResetValue = rng.Next(-8_388_607, 8_388_608),
            RefractoryTicks = rng.Next(0, 5),
        }).ToArray();
        var config = new CoreConfig
        {
            CoreId = 0,
            Profiles = profiles,
            Neurons = new NeuronTable
            {
                Profile = Enumerable.Range(0, n).Select(i => uniform ? 0 : i).ToArray(),
                BiasMantissa = Uniformly(rng, n, uniform, r => r.Next(-4096, 4096)),
                BiasExponent = Uniformly(rng, n, uniform, r => r.Next(0, 8)),
                InitialV = Enumerable.Range(0, n).Select(_ => rng.Next(-8_388_607, 8_388_608)).ToArray(),
                InitialU = Enumerable.Range(0, n).Select(_ => rng.Next(-8_388_608, 8_388_608)).ToArray(),
            },
            Axons = [],
            Routes = RouteTable.Empty(n),
        };
        return new CoreRuntime(config, 0, new Dictionary<int, int> { [0] = 0 });
    }

    private static int[] Uniformly(Random rng, int n, bool uniform, Func<Random, int> draw)
    {
        int shared = draw(rng);
        return Enumerable.Range(0, n).Select(_ => uniform ? shared : draw(rng)).ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Update_VectorAndScalarPaths_AgreeBitForBit(bool uniform)
    {
        // Full-range registers, parameters and inputs, including the wrap and saturation corners.
        Gen.Select(Gen.Int, Gen.Int[1, 70]).Sample((seed, n) =>
        {
            var rngA = new Random(seed);
            var rngB = new Random(seed);
            CoreRuntime vector = RandomCore(rngA, n, uniform);
            CoreRuntime scalar = RandomCore(rngB, n, uniform);
            Assert.Equal(uniform || n == 1, vector.UniformParameters);
            var inputs = new Random(seed ^ 0x5bd1e995);
            for (int t = 0; t < 6; t++)
            {
                int[] input = Enumerable.Range(0, n).Select(_ => inputs.Next(-400_000, 400_000)).ToArray();
                int[] copy = (int[])input.Clone();
                NeuronKernel.Update(vector, input, allowVector: true);
                NeuronKernel.Update(scalar, copy, allowVector: false);
                Assert.Equal(scalar.U, vector.U);
                Assert.Equal(scalar.V, vector.V);
                Assert.Equal(scalar.Refractory, vector.Refractory);
                Assert.Equal(scalar.SpikeBuffer.AsSpan(0, scalar.SpikeCount).ToArray(), vector.SpikeBuffer.AsSpan(0, vector.SpikeCount).ToArray());
                Assert.Equal(scalar.TickActive, vector.TickActive);
                Assert.All(input, x => Assert.Equal(0, x));
            }
        }, iter: 300);
    }

    [Fact]
    public void Update_QuietNeuron_CountsAsIdle()
    {
        // A neuron with u = v = 0, no bias, no input and no refractory count is idle; one with bias is active.
        var config = new CoreConfig
        {
            CoreId = 0,
            Profiles = [NeuronProfile.IntegrateAndFire(100)],
            Neurons = new NeuronTable { Profile = new int[10], BiasMantissa = [0, 0, 0, 0, 0, 0, 0, 0, 0, 5], BiasExponent = new int[10], InitialU = new int[10], InitialV = new int[10] },
            Axons = [],
            Routes = RouteTable.Empty(10),
        };
        var core = new CoreRuntime(config, 0, new Dictionary<int, int> { [0] = 0 });
        NeuronKernel.Update(core, new int[10]);
        Assert.Equal((1, 9), (core.TickActive, core.TickIdle));
    }
}
