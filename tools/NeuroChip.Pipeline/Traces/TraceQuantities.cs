using NeuroChip.EventSim;

namespace NeuroChip.Pipeline.Traces;

/// <summary>What a traced run records for the selected neurons.</summary>
[Flags]
public enum TraceQuantities
{
    None = 0,

    /// <summary>Spike times.</summary>
    Spikes = 1,

    /// <summary>The u (synaptic current) register at the end of every tick.</summary>
    U = 2,

    /// <summary>The v (membrane voltage) register at the end of every tick.</summary>
    V = 4,
}

/// <summary>Reads the <c>--record</c> list, e.g. <c>spikes,u,v</c>.</summary>
public static class TraceQuantitiesParser
{
    public static TraceQuantities Parse(string text)
    {
        var result = TraceQuantities.None;
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            result |= item.ToLowerInvariant() switch
            {
                "spikes" => TraceQuantities.Spikes,
                "u" => TraceQuantities.U,
                "v" => TraceQuantities.V,
                _ => throw new UserInputException($"--record '{item}': unknown quantity. Record any of spikes, u, v (comma-separated, e.g. --record spikes,v)."),
            };
        }

        return result == TraceQuantities.None
            ? throw new UserInputException("--record is empty. Record any of spikes, u, v (comma-separated, e.g. --record spikes,v).")
            : result;
    }
}
