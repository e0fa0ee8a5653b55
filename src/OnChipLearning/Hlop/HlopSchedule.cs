using NeuroChip.OnChipLearning.Rules;

namespace NeuroChip.OnChipLearning.Hlop;

/// <summary>One weight layer's subspace rows as the task schedule sees them (float reference or chip).</summary>
internal interface IHlopRows
{
    /// <summary>Every row joins the frozen subspace.</summary>
    void Freeze();

    /// <summary>Adds up to <paramref name="rows"/> rows orthonormal to the existing ones; returns how many.</summary>
    int Grow(int rows, Random rng);
}

/// <summary>HLOP's task boundary: the rows learned so far freeze (merge), and each layer grows what the schedule adds.</summary>
internal static class HlopSchedule
{
    /// <summary>Moves <paramref name="layers"/> from task <paramref name="current"/> (−1 before the first) to task <paramref name="next"/>.</summary>
    public static void Advance(IReadOnlyList<IHlopRows> layers, HlopSpec spec, int current, int next, Random rng)
    {
        if (next <= current)
        {
            throw new InvalidOperationException($"Task {next} after task {current}: tasks must come in increasing order.");
        }

        for (int l = 0; l < layers.Count; l++)
        {
            if (current >= 0)
            {
                layers[l].Freeze();
            }

            for (int t = current + 1; t <= next; t++)
            {
                layers[l].Grow(spec.RowsAdded(t, l), rng);
            }
        }
    }
}
