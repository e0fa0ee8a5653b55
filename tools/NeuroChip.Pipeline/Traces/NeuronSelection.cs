using System.Globalization;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;

namespace NeuroChip.Pipeline.Traces;

/// <summary>One traced neuron: where it is on the chip and the name it has in the files (<c>out[3]</c>, <c>7:12</c>).</summary>
public sealed record TracedNeuron(NeuronRef Neuron, string Name);

/// <summary>
/// Reads the <c>--neurons</c> list: comma-separated items, each <c>core:index</c>, <c>core:first-last</c>, or a
/// population — a readout port or a core label — whole or sliced (<c>out</c>, <c>out[3]</c>, <c>out[0-4]</c>).
/// Without a list, every readout neuron is traced.
/// </summary>
public static class NeuronSelection
{
    /// <summary>Most neurons one traced run records, so a trace file stays something a person can read.</summary>
    public const int MaxNeurons = 4096;

    public static IReadOnlyList<TracedNeuron> Parse(string? spec, ChipImage image)
    {
        var selected = new List<TracedNeuron>();
        if (string.IsNullOrWhiteSpace(spec))
        {
            foreach (NeuronPort port in image.Readouts)
            {
                selected.AddRange(Port(port, 0, port.Neurons.Length - 1));
            }

            return selected.Count > 0
                ? Checked(selected, "the readout ports")
                : throw new UserInputException("--neurons: the image has no readout port to trace by default. Name the neurons, e.g. --neurons 0:0-15 (core:index) or a core label.");
        }

        foreach (string item in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            selected.AddRange(Item(item, image));
        }

        return Checked(selected, $"'{spec}'");
    }

    private static List<TracedNeuron> Checked(List<TracedNeuron> selected, string what)
    {
        List<TracedNeuron> distinct = selected.DistinctBy(n => n.Neuron).ToList();
        return distinct.Count <= MaxNeurons
            ? distinct
            : throw new UserInputException($"--neurons {what} selects {distinct.Count:N0} neurons; a trace holds at most {MaxNeurons:N0}. Select fewer (e.g. out[0-99]).");
    }

    private static IEnumerable<TracedNeuron> Item(string item, ChipImage image)
    {
        int colon = item.IndexOf(':');
        if (colon > 0 && int.TryParse(item[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out int coreId))
        {
            CoreConfig core = image.Cores.FirstOrDefault(c => c.CoreId == coreId)
                ?? throw new UserInputException($"--neurons '{item}': the image has no core {coreId}. Cores: {string.Join(", ", image.Cores.Select(c => c.CoreId).Take(20))}.");
            (int first, int last) = Range(item, item[(colon + 1)..], core.Neurons.Count);
            return Enumerable.Range(first, last - first + 1).Select(n => new TracedNeuron(new NeuronRef(coreId, n), $"{coreId}:{n}"));
        }

        (string name, string? slice) = SplitSlice(item);
        NeuronPort? port = image.Readouts.FirstOrDefault(p => p.Name == name);
        if (port is not null)
        {
            (int first, int last) = slice is null ? (0, port.Neurons.Length - 1) : Range(item, slice, port.Neurons.Length);
            return Port(port, first, last);
        }

        var labelled = image.Cores.Where(c => c.Label == name).ToList();
        if (labelled.Count == 0)
        {
            string known = string.Join(", ", image.Readouts.Select(p => p.Name).Concat(image.Cores.Select(c => c.Label).Where(l => l.Length > 0)).Distinct().Take(20));
            throw new UserInputException($"--neurons '{item}': no readout port or core label '{name}'. Known: {(known.Length > 0 ? known : "none")}; or use core:index.");
        }

        var neurons = labelled.SelectMany(c => Enumerable.Range(0, c.Neurons.Count).Select(n => new NeuronRef(c.CoreId, n))).ToList();
        (int from, int to) = slice is null ? (0, neurons.Count - 1) : Range(item, slice, neurons.Count);
        return Enumerable.Range(from, to - from + 1).Select(i => new TracedNeuron(neurons[i], $"{name}[{i}]"));
    }

    private static IEnumerable<TracedNeuron> Port(NeuronPort port, int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(i => new TracedNeuron(new NeuronRef(port.Cores[i], port.Neurons[i]), $"{port.Name}[{i}]"));

    private static (string Name, string? Slice) SplitSlice(string item)
    {
        int open = item.LastIndexOf('[');
        return open > 0 && item.EndsWith(']') ? (item[..open], item[(open + 1)..^1]) : (item, null);
    }

    /// <summary>Reads <c>i</c> or <c>first-last</c> (inclusive) within <c>0 .. count − 1</c>.</summary>
    private static (int First, int Last) Range(string item, string text, int count)
    {
        string[] parts = text.Split('-');
        bool ok = parts.Length is 1 or 2;
        int first = 0, last = 0;
        ok = ok && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out first);
        ok = ok && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out last);
        if (!ok || first > last)
        {
            throw new UserInputException($"--neurons '{item}': '{text}' is not an index or a range first-last (e.g. 3 or 0-15).");
        }

        return last < count
            ? (first, last)
            : throw new UserInputException($"--neurons '{item}': index {last} is out of range; there are {count} neurons (0-{count - 1}).");
    }
}
