namespace NeuroChip.Mapping.Conversion;

/// <summary>
/// The state of one <see cref="ConvertedSnnFloatTwin"/> run: per population v, u, this tick's input and the spikes counted within
/// its window. Reused across samples; not shared between threads.
/// </summary>
public sealed class ConvertedSnnFloatTwinState
{
    private float[] current = [];
    private List<int>[] fired;
    private List<int>[] nextFired;

    internal ConvertedSnnFloatTwinState(int[] sizes)
    {
        V = [.. sizes.Select(n => new float[n])];
        U = [.. sizes.Select(n => new float[n])];
        Accumulator = [.. sizes.Select(n => new float[n])];
        WindowCounts = [.. sizes.Select(n => new int[n])];
        fired = [.. sizes.Select(n => new List<int>(n))];
        nextFired = [.. sizes.Select(n => new List<int>(n))];
    }

    internal float[][] V { get; }

    internal float[][] U { get; }

    internal float[][] Accumulator { get; }

    internal int[][] WindowCounts { get; }

    internal List<int>[] Fired => fired;

    internal List<int>[] NextFired => nextFired;

    internal int Readout { get; set; }

    /// <summary>Ticks the last run lasted.</summary>
    public int Ticks { get; internal set; }

    /// <summary>Spikes of each neuron of population <paramref name="population"/> within its T-timestep window (the readout: the whole run).</summary>
    public ReadOnlySpan<int> Counts(int population) => WindowCounts[population];

    /// <summary>v of each neuron of population <paramref name="population"/> at the end of the run.</summary>
    public ReadOnlySpan<float> Voltage(int population) => V[population];

    internal Span<float> Current(int size)
    {
        if (current.Length != size)
        {
            current = new float[size];
        }

        return current;
    }

    internal void SwapFired() => (fired, nextFired) = (nextFired, fired);
}
