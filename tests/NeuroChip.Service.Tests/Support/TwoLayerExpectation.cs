namespace NeuroChip.Service.Tests.Support;

/// <summary>
/// Spike and synaptic-op counts of the built-in "two-layer" example, counted by hand from the image
/// and its input (examples/two-layer.json, two-layer-input.json), for a run of T ≤ 60 ticks:
///
/// Layer 1 (core 0) is four IF neurons (DecayU 4095 so u = a_in·64; DecayV 0 so v only adds; vth 10
/// → threshold 640; subtract reset), each fed by one input axon of weight 20 (+1280 per input spike).
/// Channel 2 spikes every tick: v = 1280 at t0, and each tick adds 1280 but subtracts only 640, so it
/// fires every tick → T spikes. Channels 0, 1, 3 spike at t ≡ 0 (mod 3): t0 v=1280 → spike, v=640;
/// t1, t2 v=640 (not &gt; 640); t3 v=1920 → spike, 1280; t4 1280 → spike, 640; t5 none; and so on:
/// spikes at every t ≡ 0 and at t ≡ 1 from t = 4 on. (T = 60: 20 + 19 = 39.)
///
/// Synaptic ops on core 0: one per input spike delivered = T + 3 · #{t &lt; T : t ≡ 0}.
/// Core 5 walks a 2-weight dense row for each layer-1 spike delivered a tick later, so it counts
/// 2 · (layer-1 spikes at ticks ≤ T − 2).
/// </summary>
internal static class TwoLayerExpectation
{
    public static int EveryThirdNeuronSpikes(int ticks) =>
        Enumerable.Range(0, ticks).Count(t => t % 3 == 0 || (t % 3 == 1 && t >= 4));

    public static int Layer1Spikes(int ticks) => ticks + (3 * EveryThirdNeuronSpikes(ticks));

    public static int Layer1SynapticOps(int ticks) => ticks + (3 * Enumerable.Range(0, ticks).Count(t => t % 3 == 0));

    public static int Layer2SynapticOps(int ticks) => 2 * Layer1Spikes(ticks - 1);
}
