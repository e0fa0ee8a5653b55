namespace NeuroChip.Mapping.Lowering;

/// <summary>
/// A linear map with delays as compressed rows by input: input <c>i</c> reaches output
/// <c>Columns[k]</c> with weight <c>Values[k]</c> after <c>Delays[k]</c> ticks, for k in
/// <c>[Offsets[i], Offsets[i + 1])</c>, outputs ascending within a row (ties by delay).
/// </summary>
internal sealed class SparseOperator
{
    public SparseOperator(int inputs, int outputs, int[] offsets, int[] columns, float[] values, int[] delays)
    {
        Inputs = inputs;
        Outputs = outputs;
        Offsets = offsets;
        Columns = columns;
        Values = values;
        Delays = delays;
    }

    public int Inputs { get; }

    public int Outputs { get; }

    public int[] Offsets { get; }

    public int[] Columns { get; }

    public float[] Values { get; }

    public int[] Delays { get; }

    public static SparseOperator Identity(int size)
    {
        var offsets = new int[size + 1];
        var columns = new int[size];
        for (int i = 0; i < size; i++)
        {
            offsets[i + 1] = i + 1;
            columns[i] = i;
        }

        var values = new float[size];
        Array.Fill(values, 1f);
        return new SparseOperator(size, size, offsets, columns, values, new int[size]);
    }

    /// <summary>Builds from (input, output, weight, delay) entries in any order.</summary>
    public static SparseOperator FromEntries(int inputs, int outputs, List<(int Input, int Output, float Weight, int Delay)> entries)
    {
        entries.Sort((a, b) => a.Input != b.Input ? a.Input.CompareTo(b.Input) : a.Output != b.Output ? a.Output.CompareTo(b.Output) : a.Delay.CompareTo(b.Delay));
        var offsets = new int[inputs + 1];
        var columns = new int[entries.Count];
        var values = new float[entries.Count];
        var delays = new int[entries.Count];
        for (int k = 0; k < entries.Count; k++)
        {
            offsets[entries[k].Input + 1]++;
            columns[k] = entries[k].Output;
            values[k] = entries[k].Weight;
            delays[k] = entries[k].Delay;
        }

        for (int i = 0; i < inputs; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        return new SparseOperator(inputs, outputs, offsets, columns, values, delays);
    }

    /// <summary>
    /// <c>next ∘ this</c>: input i reaches k through every j with weight product and delay sum;
    /// paths that arrive at the same (k, delay) add up.
    /// </summary>
    public SparseOperator Then(SparseOperator next)
    {
        var offsets = new int[Inputs + 1];
        var columns = new List<int>();
        var values = new List<float>();
        var delays = new List<int>();
        var row = new List<(int Output, int Delay, float Weight)>();
        for (int i = 0; i < Inputs; i++)
        {
            row.Clear();
            for (int a = Offsets[i]; a < Offsets[i + 1]; a++)
            {
                int j = Columns[a];
                for (int b = next.Offsets[j]; b < next.Offsets[j + 1]; b++)
                {
                    row.Add((next.Columns[b], Delays[a] + next.Delays[b], Values[a] * next.Values[b]));
                }
            }

            row.Sort((x, y) => x.Output != y.Output ? x.Output.CompareTo(y.Output) : x.Delay.CompareTo(y.Delay));
            for (int k = 0; k < row.Count; k++)
            {
                if (k > 0 && row[k].Output == row[k - 1].Output && row[k].Delay == row[k - 1].Delay)
                {
                    values[^1] += row[k].Weight;
                    continue;
                }

                columns.Add(row[k].Output);
                delays.Add(row[k].Delay);
                values.Add(row[k].Weight);
            }

            offsets[i + 1] = columns.Count;
        }

        return new SparseOperator(Inputs, next.Outputs, offsets, [.. columns], [.. values], [.. delays]);
    }

    /// <summary>y = M·x, ignoring delays (for constant inputs such as biases).</summary>
    public float[] Apply(ReadOnlySpan<float> x)
    {
        var y = new float[Outputs];
        for (int i = 0; i < Inputs; i++)
        {
            for (int k = Offsets[i]; k < Offsets[i + 1]; k++)
            {
                y[Columns[k]] += x[i] * Values[k];
            }
        }

        return y;
    }
}
