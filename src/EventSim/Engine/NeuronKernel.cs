using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Neurons;

namespace NeuroChip.EventSim.Engine;

/// <summary>
/// The Update phase over one core: every neuron's <see cref="LifFixedModel"/> step, eight at a time
/// with 256-bit vectors where the hardware has them, the same stages in scalar form for the rest.
/// Both paths give identical results (tested); neither allocates.
/// </summary>
internal static class NeuronKernel
{
    private const int StateMax = BitWidths.StateLimit - 1;
    private const int LowMask = BitWidths.DecayUnity - 1;

    /// <summary>Steps all neurons of <paramref name="core"/> with input from <paramref name="input"/> (cleared as it is read).</summary>
    public static void Update(CoreRuntime core, Span<int> input, bool allowVector = true)
    {
        int n = core.NeuronCount;
        int i = 0;
        int spikes = 0;
        int active = 0;
        if (allowVector && Vector256.IsHardwareAccelerated)
        {
            i = core.UniformParameters
                ? UpdateVector(core, input, new UniformParameters(core), ref spikes, ref active)
                : UpdateVector(core, input, new PerNeuronParameters(core), ref spikes, ref active);
        }

        UpdateScalar(core, input, i, n, ref spikes, ref active);
        core.SpikeCount = spikes;
        core.TickActive = active;
        core.TickIdle = n - active;
        core.ActiveUpdates += active;
        core.IdleUpdates += n - active;
        core.Spikes += spikes;
    }

    private static void UpdateScalar(CoreRuntime core, Span<int> input, int from, int to, ref int spikes, ref int active)
    {
        int[] u = core.U;
        int[] v = core.V;
        int[] refractory = core.Refractory;
        for (int i = from; i < to; i++)
        {
            int a = input[i] + core.Current[i];
            input[i] = 0;
            if ((u[i] | v[i] | a | core.Bias[i] | refractory[i]) != 0)
            {
                active++;
            }

            var p = new LifFixedParameters(core.KeepU[i], core.KeepV[i], core.Threshold[i], core.Bias[i],
                (ResetMode)core.ResetMode[i], core.ResetValue[i], core.RefractoryTicks[i]);
            LifFixedState next = LifFixedModel.Step(new LifFixedState(u[i], v[i], refractory[i]), p, a, out bool spike);
            u[i] = next.U;
            v[i] = next.V;
            refractory[i] = next.Refractory;
            if (spike)
            {
                core.SpikeBuffer[spikes++] = i;
                core.SpikeCounts[i]++;
            }
        }
    }

    /// <summary>The vector loop, generic over where the parameters come from, so the choice costs nothing per lane.</summary>
    private static int UpdateVector<TParameters>(CoreRuntime core, Span<int> input, TParameters p, ref int spikes, ref int active)
        where TParameters : struct, IParameterSource
    {
        int n = core.NeuronCount;
        int last = n - Vector256<int>.Count;
        ref int inp = ref MemoryMarshal.GetReference(input);
        ref int cur = ref MemoryMarshal.GetArrayDataReference(core.Current);
        ref int u = ref MemoryMarshal.GetArrayDataReference(core.U);
        ref int v = ref MemoryMarshal.GetArrayDataReference(core.V);
        ref int rf = ref MemoryMarshal.GetArrayDataReference(core.Refractory);
        var low = Vector256.Create(LowMask);
        var max = Vector256.Create(StateMax);
        var min = Vector256.Create(-StateMax);
        var one = Vector256<int>.One;
        var subtract = Vector256.Create((int)ResetMode.Subtract);
        int i = 0;
        for (; i <= last; i += Vector256<int>.Count)
        {
            nuint at = (nuint)i;
            Vector256<int> a = Vector256.LoadUnsafe(ref inp, at) + Vector256.LoadUnsafe(ref cur, at);
            Vector256<int>.Zero.StoreUnsafe(ref inp, at);
            Vector256<int> u0 = Vector256.LoadUnsafe(ref u, at);
            Vector256<int> v0 = Vector256.LoadUnsafe(ref v, at);
            Vector256<int> r0 = Vector256.LoadUnsafe(ref rf, at);
            Vector256<int> b = p.Bias(at);
            Vector256<int> anyState = u0 | v0 | a | b | r0;
            active += BitOperations.PopCount(Vector256.ExtractMostSignificantBits(~Vector256.Equals(anyState, Vector256<int>.Zero)));

            // DecayCurrent + IntegrateCurrent (wrap to 24 bits by sign-extending bit 23).
            Vector256<int> un = DecayMagnitude(u0, p.KeepU(at), low) + Vector256.ShiftLeft(a, BitWidths.ActivationShift);
            un = Vector256.ShiftRightArithmetic(Vector256.ShiftLeft(un, 32 - BitWidths.StateBits), 32 - BitWidths.StateBits);

            // IntegrateVoltage (saturate), held while refractory.
            Vector256<int> vn = DecayMagnitude(v0, p.KeepV(at), low) + un + b;
            vn = Vector256.Min(Vector256.Max(vn, min), max);
            Vector256<int> inRefractory = Vector256.GreaterThan(r0, Vector256<int>.Zero);
            vn = Vector256.ConditionalSelect(inRefractory, v0, vn);
            Vector256<int> rn = r0 - (inRefractory & one);

            // FireAndReset.
            Vector256<int> t = p.Threshold(at);
            Vector256<int> fire = Vector256.AndNot(Vector256.GreaterThan(vn, t), inRefractory);
            uint fireBits = Vector256.ExtractMostSignificantBits(fire);
            if (fireBits != 0)
            {
                Vector256<int> m = p.ResetMode(at);
                Vector256<int> reset = Vector256.ConditionalSelect(
                    Vector256.Equals(m, Vector256<int>.Zero),
                    Vector256<int>.Zero,
                    Vector256.ConditionalSelect(Vector256.Equals(m, subtract), vn - t, p.ResetValue(at)));
                vn = Vector256.ConditionalSelect(fire, reset, vn);
                rn = Vector256.ConditionalSelect(fire, p.RefractoryTicks(at), rn);
                while (fireBits != 0)
                {
                    int lane = BitOperations.TrailingZeroCount(fireBits);
                    fireBits &= fireBits - 1;
                    core.SpikeBuffer[spikes++] = i + lane;
                    core.SpikeCounts[i + lane]++;
                }
            }

            un.StoreUnsafe(ref u, at);
            vn.StoreUnsafe(ref v, at);
            rn.StoreUnsafe(ref rf, at);
        }

        return i;
    }

    /// <summary>
    /// sign(x)·((|x|·keep) &gt;&gt; 12) exactly in 32-bit lanes: with |x| = hi·4096 + lo,
    /// (|x|·keep) &gt;&gt; 12 = hi·keep + ((lo·keep) &gt;&gt; 12), and neither product overflows for 24-bit x.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> DecayMagnitude(Vector256<int> x, Vector256<int> keep, Vector256<int> low)
    {
        Vector256<int> magnitude = Vector256.Abs(x);
        Vector256<int> hi = Vector256.ShiftRightLogical(magnitude, BitWidths.DecayShift);
        Vector256<int> scaled = (hi * keep) + Vector256.ShiftRightLogical((magnitude & low) * keep, BitWidths.DecayShift);
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<int>.Zero), -scaled, scaled);
    }

    private interface IParameterSource
    {
        Vector256<int> KeepU(nuint at);

        Vector256<int> KeepV(nuint at);

        Vector256<int> Threshold(nuint at);

        Vector256<int> Bias(nuint at);

        Vector256<int> ResetMode(nuint at);

        Vector256<int> ResetValue(nuint at);

        Vector256<int> RefractoryTicks(nuint at);
    }

    /// <summary>Parameters loaded per neuron.</summary>
    private readonly struct PerNeuronParameters(CoreRuntime core) : IParameterSource
    {
        private readonly int[] keepU = core.KeepU, keepV = core.KeepV, threshold = core.Threshold, bias = core.Bias;
        private readonly int[] mode = core.ResetMode, resetValue = core.ResetValue, refractory = core.RefractoryTicks;

        public Vector256<int> KeepU(nuint at) => Load(keepU, at);

        public Vector256<int> KeepV(nuint at) => Load(keepV, at);

        public Vector256<int> Threshold(nuint at) => Load(threshold, at);

        public Vector256<int> Bias(nuint at) => Load(bias, at);

        public Vector256<int> ResetMode(nuint at) => Load(mode, at);

        public Vector256<int> ResetValue(nuint at) => Load(resetValue, at);

        public Vector256<int> RefractoryTicks(nuint at) => Load(refractory, at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<int> Load(int[] values, nuint at) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(values), at);
    }

    /// <summary>One profile and one bias for the whole core (every compiled layer slice): broadcast once, no loads.</summary>
    private readonly struct UniformParameters(CoreRuntime core) : IParameterSource
    {
        private readonly Vector256<int> keepU = Vector256.Create(core.KeepU[0]), keepV = Vector256.Create(core.KeepV[0]);
        private readonly Vector256<int> threshold = Vector256.Create(core.Threshold[0]), bias = Vector256.Create(core.Bias[0]);
        private readonly Vector256<int> mode = Vector256.Create(core.ResetMode[0]), resetValue = Vector256.Create(core.ResetValue[0]);
        private readonly Vector256<int> refractory = Vector256.Create(core.RefractoryTicks[0]);

        public Vector256<int> KeepU(nuint at) => keepU;

        public Vector256<int> KeepV(nuint at) => keepV;

        public Vector256<int> Threshold(nuint at) => threshold;

        public Vector256<int> Bias(nuint at) => bias;

        public Vector256<int> ResetMode(nuint at) => mode;

        public Vector256<int> ResetValue(nuint at) => resetValue;

        public Vector256<int> RefractoryTicks(nuint at) => refractory;
    }
}
