namespace NeuroChip.OnChipLearning.Rules;

/// <summary>
/// Hebbian learning based orthogonal projection (HLOP) on top of a base rule. Each weight layer with fan-in n gets
/// lateral subspace neurons H (k × n): y = H·x, x̂ = Hᵀ·y, learned by the subspace rule
/// <code>
///   ΔH = (1/B)·Σ_b y_b·(x_b − Hᵀ·y_b)ᵀ,   clipped to ±Clip,   m ← μ·m + (1 − μ)·ΔH,   H ← H + η_H·m
/// </code>
/// (only the rows of the current task learn; rows of earlier tasks are frozen), and the base rule's presynaptic
/// factor x is replaced by x − H_oldᵀ·H_old·x, where H_old holds the rows of earlier tasks. Defaults are the
/// source documents' PMNIST schedule: task 0 adds k = [80, 200, 100] rows, each later task adds 70 per layer, 20
/// fewer every third task (70, 70, 50, 50, 50, 30, 30, 30, 10); η_H = 0.001 on the input layer and 0.01 above;
/// μ = 0.9, clip ±10, 5 iterations per batch of 64.
/// </summary>
public sealed record HlopSpec
{
    /// <summary>Rows added at task 0, per weight layer from the input up (the last value repeats for deeper layers).</summary>
    public IReadOnlyList<int> FirstTaskRows { get; init; } = [80, 200, 100];

    /// <summary>Rows added at task 1, per weight layer (the last value repeats).</summary>
    public IReadOnlyList<int> LaterTaskRows { get; init; } = [70, 70, 70];

    /// <summary>Every this many tasks the rows added per later task shrink by <see cref="ShrinkRows"/>.</summary>
    public int ShrinkEveryTasks { get; init; } = 3;

    public int ShrinkRows { get; init; } = 20;

    /// <summary>η_H per weight layer (the last value repeats).</summary>
    public IReadOnlyList<double> HebbianRates { get; init; } = [0.001, 0.01];

    /// <summary>Momentum μ of the subspace update.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Elementwise clip of ΔH.</summary>
    public double Clip { get; init; } = 10;

    /// <summary>Passes of (y, x̂, update) over each batch.</summary>
    public int Iterations { get; init; } = 5;

    /// <summary>Samples per subspace update.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// Spiking lateral neurons: 0 keeps y analog; T_l &gt; 0 replaces y by the signed spike-count code
    /// y_q = (s/T_l)·round(T_l·clip(y, −s, s)/s) with s = <see cref="LateralRange"/>.
    /// </summary>
    public int LateralTicks { get; init; }

    public double LateralRange { get; init; } = 20;

    /// <summary>Seed of the new rows' orthogonal initialisation.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Rows that task <paramref name="task"/> adds to weight layer <paramref name="layer"/> (before the fan-in cap).</summary>
    public int RowsAdded(int task, int layer)
    {
        if (task == 0)
        {
            return FirstTaskRows[Math.Min(layer, FirstTaskRows.Count - 1)];
        }

        int shrink = ShrinkEveryTasks > 0 ? task / ShrinkEveryTasks * ShrinkRows : 0;
        return Math.Max(0, LaterTaskRows[Math.Min(layer, LaterTaskRows.Count - 1)] - shrink);
    }

    /// <summary>Rows weight layer <paramref name="layer"/> holds after <paramref name="tasks"/> tasks: the schedule's sum, capped at the fan-in n.</summary>
    public int TotalRows(int tasks, int layer, int fanIn) =>
        Math.Min(fanIn, Enumerable.Range(0, Math.Max(0, tasks)).Sum(t => RowsAdded(t, layer)));

    public double HebbianRate(int layer) => HebbianRates[Math.Min(layer, HebbianRates.Count - 1)];

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (FirstTaskRows.Count == 0 || LaterTaskRows.Count == 0 || FirstTaskRows.Concat(LaterTaskRows).Any(k => k < 0))
        {
            errors.Add("HLOP rows per task: give at least one non-negative count for the first and for later tasks.");
        }

        if (HebbianRates.Count == 0 || HebbianRates.Any(r => !(r > 0 && r < 1)))
        {
            errors.Add($"HLOP Hebbian rates [{string.Join(", ", HebbianRates)}]: each must be in (0, 1).");
        }

        if (!(Momentum >= 0 && Momentum < 1))
        {
            errors.Add($"HLOP momentum {Momentum}: must be in [0, 1).");
        }

        if (!(Clip > 0))
        {
            errors.Add($"HLOP clip {Clip}: must be positive.");
        }

        if (Iterations < 1 || BatchSize < 1)
        {
            errors.Add($"HLOP iterations {Iterations} and batch size {BatchSize}: both must be at least 1.");
        }

        if (ShrinkEveryTasks < 0 || ShrinkRows < 0)
        {
            errors.Add($"HLOP shrink schedule ({ShrinkRows} rows every {ShrinkEveryTasks} tasks): must not be negative.");
        }

        if (LateralTicks < 0 || !(LateralRange > 0))
        {
            errors.Add($"HLOP lateral spiking ({LateralTicks} ticks, range {LateralRange}): ticks ≥ 0 and a positive range.");
        }

        return errors;
    }
}
