namespace NeuroChip.Service.Tests.Support;

/// <summary>Chip images built for the tests, with spike counts that follow from the neuron rule by hand.</summary>
internal static class TestImages
{
    /// <summary>
    /// "Bias clock": <paramref name="cores"/> cores of <paramref name="neuronsPerCore"/> unconnected IF
    /// neurons on <paramref name="preset"/>, threshold mantissa 10 (640), bias 100, reset to zero. v
    /// grows by 100 a tick and fires when it passes 640: at the 7th tick (700 &gt; 640, 600 is not), then
    /// restarts from 0, so every neuron spikes ⌊T / 7⌋ times in T ticks (see <see cref="BiasClockSpikesPerNeuron"/>).
    /// </summary>
    public static byte[] BiasClock(int cores, int neuronsPerCore, string preset = "nc-ref")
    {
        var image = new ChipImage
        {
            Chip = ChipSpecLoader.LoadPreset(preset),
            Cores = Enumerable.Range(0, cores).Select(c => new CoreConfig
            {
                CoreId = c,
                Label = $"clock {c}",
                Profiles = [NeuronProfile.IntegrateAndFire(10, ResetMode.Zero)],
                Neurons = NeuronTable.Uniform(neuronsPerCore, biasMantissa: 100),
                Axons = [],
                Routes = RouteTable.Empty(neuronsPerCore),
            }).ToList(),
        };
        return Encoding.UTF8.GetBytes(ChipImageJson.Serialize(image));
    }

    public static int BiasClockSpikesPerNeuron(int ticks) => ticks / 7;

    /// <summary>One core with 100 neurons on nc-tiny, whose cores hold at most 64.</summary>
    public static byte[] TooManyNeuronsForTinyChip() => BiasClock(1, 100, "nc-tiny");
}
