using NeuroChip.EventSim.Engine;
using PureHDF;

namespace NeuroChip.Pipeline.Traces;

/// <summary>
/// Writes a <see cref="TraceSet"/> as NIR data groups in one HDF5 file: <c>spikes</c> as <c>EventData</c>
/// (<c>idx</c>, <c>time</c> in seconds; attributes <c>n_neurons</c>, <c>t_max</c>), <c>u</c> and <c>v</c> as
/// <c>TimeGriddedData</c> (<c>data</c> [ticks, neurons] in register units; attribute <c>dt</c>), each group marked
/// with its <c>__type__</c>; and <c>neurons</c> (<c>core</c>, <c>neuron</c>) naming the columns. A tick lasts
/// <c>dt</c> seconds; the value of tick t is at time <c>t·dt</c>.
/// </summary>
public static class TraceNir
{
    public static string Write(string directory, TraceSet set, double dt)
    {
        Directory.CreateDirectory(directory);
        var file = new H5File
        {
            ["neurons"] = new H5Group
            {
                ["core"] = set.Neurons.Select(n => (long)n.Neuron.Core).ToArray(),
                ["neuron"] = set.Neurons.Select(n => (long)n.Neuron.Neuron).ToArray(),
            },
        };
        if ((set.Quantities & TraceQuantities.Spikes) != 0)
        {
            file["spikes"] = new H5Group
            {
                ["idx"] = set.Spikes.Select(s => (long)s.Index).ToArray(),
                ["time"] = set.Spikes.Select(s => s.Tick * dt).ToArray(),
                Attributes = new() { ["__type__"] = "EventData", ["n_neurons"] = (long)set.Neurons.Count, ["t_max"] = set.Ticks * dt },
            };
        }

        foreach ((TraceQuantities quantity, string name, Func<NeuronTrace, int[]> pick) in new (TraceQuantities, string, Func<NeuronTrace, int[]>)[]
        {
            (TraceQuantities.U, "u", t => t.U),
            (TraceQuantities.V, "v", t => t.V),
        })
        {
            if ((set.Quantities & quantity) != 0)
            {
                file[name] = new H5Group
                {
                    ["data"] = new H5Dataset(Grid(set, pick)),
                    Attributes = new() { ["__type__"] = "TimeGriddedData", ["dt"] = dt },
                };
            }
        }

        string path = Path.Combine(directory, "traces.nir");
        string temp = path + "." + Environment.ProcessId + ".tmp";
        try
        {
            file.Write(temp);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return path;
    }

    private static double[,] Grid(TraceSet set, Func<NeuronTrace, int[]> pick)
    {
        var grid = new double[set.Ticks, set.Registers.Count];
        for (int n = 0; n < set.Registers.Count; n++)
        {
            int[] values = pick(set.Registers[n]);
            for (int t = 0; t < set.Ticks; t++)
            {
                grid[t, n] = values[t];
            }
        }

        return grid;
    }
}
