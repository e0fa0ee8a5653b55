using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Probes;

namespace NeuroChip.EventSim.Engine;

/// <summary>
/// Runs a <see cref="ChipImage"/> tick by tick, following <see cref="TickPhase"/>. Cores are split
/// over worker threads; packets go through per-worker outboxes that are swapped at the barrier, so
/// results do not depend on the thread count. State persists across <see cref="Run"/> calls until
/// <see cref="Reset"/>.
/// </summary>
public sealed class Simulator : IDisposable
{
    private readonly ChipImage image;
    private readonly SimulatorOptions options;
    private readonly CoreRuntime[] cores;
    private readonly Dictionary<int, int> indexById;
    private readonly MeshTopology mesh;
    private readonly int[][] workerCores;
    private readonly Outboxes outboxes;
    private readonly SimulatorView view;
    private readonly InputPlan plan;
    private int tick;

    public Simulator(ChipImage image, SimulatorOptions? options = null)
    {
        ChipImageValidator.ThrowIfInvalid(image, "in memory");
        this.image = image;
        this.options = options ?? new SimulatorOptions();
        if (this.options.Threads < 1)
        {
            throw new UserInputException($"Threads = {this.options.Threads}: at least 1 worker thread is needed.");
        }

        if (image.Cores.Any(c => c.Neurons.Count > SynapseStore.MaxTargets))
        {
            throw new UserInputException($"A core has more than {SynapseStore.MaxTargets} neurons, which the engine's synapse format cannot address.");
        }

        mesh = new MeshTopology(image.Chip.Mesh);
        indexById = [];
        for (int i = 0; i < image.Cores.Count; i++)
        {
            indexById[image.Cores[i].CoreId] = i;
        }

        cores = image.Cores.Select((c, i) => new CoreRuntime(c, i, indexById)).ToArray();
        foreach (CoreRuntime core in cores)
        {
            core.AllocatePairCounters(cores.Length);
        }

        long work = cores.Sum(c => (long)c.NeuronCount + ((c.Synapses.Packed.Length + c.Synapses.DenseWeights.Length) / 16));
        int useful = this.options.MinWorkPerWorker <= 0 ? int.MaxValue : (int)Math.Max(1, Math.Min(int.MaxValue, work / this.options.MinWorkPerWorker));
        workerCores = AssignWorkers(cores, Math.Min(Math.Min(this.options.Threads, useful), Math.Max(1, cores.Length)));
        outboxes = new Outboxes(cores, workerCores);
        view = new SimulatorView(cores);
        plan = new InputPlan(new InputPorts(image, indexById));
    }

    public ChipImage Image => image;

    /// <summary>Ticks run since construction or the last <see cref="Reset"/>.</summary>
    public int Tick => tick;

    public int WorkerCount => workerCores.Length;

    /// <summary>Registers and plastic synapse memory between runs (for hosts that prepare a run, e.g. learning).</summary>
    public SimulatorView View => view;

    /// <summary>Back to the image's initial state: registers, delay rings, held currents, packets in flight.</summary>
    public void Reset()
    {
        foreach (CoreRuntime core in cores)
        {
            core.ResetState();
        }

        outboxes.Clear();
        tick = 0;
    }

    /// <summary>
    /// Runs <paramref name="ticks"/> ticks with the given host input (ticks relative to this run's start).
    /// Cancellation is checked at every tick's barrier; a cancelled run leaves the chip at that tick.
    /// </summary>
    public RunResult Run(int ticks, InputSchedule? input = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ticks);
        plan.Load(input ?? new InputSchedule(), ticks);
        var probes = new ProbeSet(cores, indexById, options, ticks);
        TimingModel? timing = options.Timing ? new TimingModel(image.Chip, cores.Select(c => c.CoreId).ToArray(), ticks) : null;
        double[] busy = new double[cores.Length];
        foreach (CoreRuntime core in cores)
        {
            core.ClearCounters();
        }

        int start = tick;
        Func<int, int[]> packetsFrom = c => cores[c].TickPacketsTo;
        void AtBarrier(int r)
        {
            if (timing is not null)
            {
                for (int c = 0; c < cores.Length; c++)
                {
                    busy[c] = timing.CoreBusyNs(cores[c].TickSynapticOps, cores[c].TickActive, cores[c].TickIdle);
                }

                timing.ReplayTick(busy, packetsFrom);
                foreach (CoreRuntime core in cores)
                {
                    Array.Clear(core.TickPacketsTo);
                }
            }

            foreach (CoreRuntime core in cores)
            {
                core.TickSynapticOps = 0;
            }

            options.Hook?.AtBarrier(start + r, view);
            outboxes.Swap();
            tick = start + r + 1;
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (workerCores.Length == 1)
        {
            for (int r = 0; r < ticks; r++)
            {
                foreach (int c in workerCores[0])
                {
                    StepCore(cores[c], 0, start + r, r, plan, probes);
                }

                AtBarrier(r);
            }
        }
        else
        {
            RunParallel(ticks, start, plan, probes, AtBarrier);
        }

        tick = start + ticks;
        return probes.Finish(ticks, image, mesh, timing?.Report());
    }

    public void Dispose()
    {
        // Workers are joined at the end of every run; nothing is held between runs.
    }

    private void RunParallel(int ticks, int start, InputPlan plan, ProbeSet probes, Action<int> atBarrier)
    {
        int workers = workerCores.Length;
        int round = 0;
        using var barrier = new SpinBarrier(workers, () => atBarrier(round++));
        Exception? failure = null;
        void Work(int w)
        {
            try
            {
                for (int r = 0; r < ticks; r++)
                {
                    foreach (int c in workerCores[w])
                    {
                        StepCore(cores[c], w, start + r, r, plan, probes);
                    }

                    barrier.SignalAndWait();
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                barrier.Broken = true;
            }
        }

        var threads = new Thread[workers - 1];
        for (int w = 1; w < workers; w++)
        {
            int id = w;
            threads[w - 1] = new Thread(() => Work(id)) { IsBackground = true, Name = $"neurochip-worker-{id}" };
            threads[w - 1].Start();
        }

        try
        {
            Work(0);
        }
        finally
        {
            foreach (Thread thread in threads)
            {
                thread.Join();
            }
        }

        switch (failure)
        {
            case null:
                return;
            case UserInputException or OperationCanceledException:
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                return;
            default:
                throw new InvalidOperationException("A simulation worker failed.", failure);
        }
    }

    /// <summary>Deliver, Update and Route for one core at absolute tick <paramref name="now"/> (run tick <paramref name="r"/>).</summary>
    private void StepCore(CoreRuntime core, int worker, int now, int r, InputPlan plan, ProbeSet probes)
    {
        plan.ApplyCurrents(core, r);
        outboxes.DeliverTo(core, now);
        plan.DeliverSpikes(core, r, now);

        int n = core.NeuronCount;
        NeuronKernel.Update(core, core.Ring.AsSpan((now & core.RingMask) * n, n));
        probes.Record(core, r, now);

        outboxes.Route(core, worker);
    }

    private static int[][] AssignWorkers(CoreRuntime[] cores, int workers)
    {
        long[] weight = cores.Select(c => (long)c.NeuronCount + (c.Synapses.Packed.Length / 8) + (c.Synapses.DenseWeights.Length / 16) + 1).ToArray();
        long total = weight.Sum();
        var assignment = new List<int>[workers];
        for (int w = 0; w < workers; w++)
        {
            assignment[w] = [];
        }

        long acc = 0;
        for (int c = 0; c < cores.Length; c++)
        {
            int w = (int)Math.Min(workers - 1, acc * workers / Math.Max(1, total));
            assignment[w].Add(c);
            acc += weight[c];
        }

        return assignment.Where(a => a.Count > 0).Select(a => a.ToArray()).ToArray();
    }
}
