using System.Globalization;
using System.Text;
using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Serialization;

namespace NeuroChip.Pipeline.Traces;

/// <summary>
/// Writes a <see cref="TraceSet"/> as CSV into a directory: <c>neurons.csv</c> (column, core, neuron, name),
/// <c>spikes.csv</c> (tick, core, neuron, name), and <c>u.csv</c> / <c>v.csv</c> (one row per tick, one column per
/// neuron, raw register values). Each file is written whole or not at all.
/// </summary>
public static class TraceCsv
{
    public static IReadOnlyList<string> Write(string directory, TraceSet set)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        void Save(string name, string text)
        {
            string path = Path.Combine(directory, name);
            AtomicFile.WriteAllText(path, text);
            written.Add(path);
        }

        Save("neurons.csv", Neurons(set));
        if ((set.Quantities & TraceQuantities.Spikes) != 0)
        {
            Save("spikes.csv", Spikes(set));
        }

        if ((set.Quantities & TraceQuantities.U) != 0)
        {
            Save("u.csv", Registers(set, t => t.U));
        }

        if ((set.Quantities & TraceQuantities.V) != 0)
        {
            Save("v.csv", Registers(set, t => t.V));
        }

        return written;
    }

    private static string Neurons(TraceSet set)
    {
        var csv = new StringBuilder("column,core,neuron,name\n");
        for (int i = 0; i < set.Neurons.Count; i++)
        {
            TracedNeuron n = set.Neurons[i];
            csv.Append(CultureInfo.InvariantCulture, $"{i},{n.Neuron.Core},{n.Neuron.Neuron},{Quote(n.Name)}\n");
        }

        return csv.ToString();
    }

    private static string Spikes(TraceSet set)
    {
        var csv = new StringBuilder("tick,core,neuron,name\n");
        foreach (TracedSpike s in set.Spikes)
        {
            TracedNeuron n = set.Neurons[s.Index];
            csv.Append(CultureInfo.InvariantCulture, $"{s.Tick},{n.Neuron.Core},{n.Neuron.Neuron},{Quote(n.Name)}\n");
        }

        return csv.ToString();
    }

    private static string Registers(TraceSet set, Func<NeuronTrace, int[]> pick)
    {
        var csv = new StringBuilder("tick");
        foreach (TracedNeuron n in set.Neurons)
        {
            csv.Append(',').Append(Quote(n.Name));
        }

        csv.Append('\n');
        int[][] columns = set.Registers.Select(pick).ToArray();
        for (int t = 0; t < set.Ticks; t++)
        {
            csv.Append(t.ToString(CultureInfo.InvariantCulture));
            foreach (int[] column in columns)
            {
                csv.Append(',').Append(column[t].ToString(CultureInfo.InvariantCulture));
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
