namespace NeuroChip.OnChipLearning.Training;

/// <summary>The class a readout decides for: the first index of the largest value.</summary>
public static class Readout
{
    public static int ArgMax(IReadOnlyList<double> values)
    {
        int best = 0;
        for (int c = 1; c < values.Count; c++)
        {
            if (values[c] > values[best])
            {
                best = c;
            }
        }

        return best;
    }

    public static int ArgMax(ReadOnlySpan<int> values)
    {
        int best = 0;
        for (int c = 1; c < values.Length; c++)
        {
            if (values[c] > values[best])
            {
                best = c;
            }
        }

        return best;
    }
}
