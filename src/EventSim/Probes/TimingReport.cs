namespace NeuroChip.EventSim.Probes;

/// <summary>
/// What the discrete-event replay of every tick found: how long ticks took and what limited them.
/// </summary>
public sealed record TimingReport
{
    public required int Ticks { get; init; }

    /// <summary>Sum of all tick durations, ns (the run's wall time on the modelled chip).</summary>
    public required double TotalNs { get; init; }

    public required double MeanTickNs { get; init; }

    public required double MedianTickNs { get; init; }

    public required double MaxTickNs { get; init; }

    /// <summary>The tick with the longest duration.</summary>
    public required int SlowestTick { get; init; }

    /// <summary>The core that finished its work last in the most ticks.</summary>
    public required int CriticalCore { get; init; }

    /// <summary>Ticks in which <see cref="CriticalCore"/> was the last core to finish.</summary>
    public required int CriticalCoreTicks { get; init; }

    /// <summary>The link with the largest total busy time, or −1 when no packet crossed a link.</summary>
    public required int CriticalLink { get; init; }

    public required string CriticalLinkDescription { get; init; }

    /// <summary>Ticks in which the last packet arrived after the last core finished (the network limited the tick).</summary>
    public required int NetworkBoundTicks { get; init; }

    /// <summary>Busy time per core (image order), ns.</summary>
    public required double[] CoreBusyNs { get; init; }

    /// <summary>Busy time per link, ns.</summary>
    public required double[] LinkBusyNs { get; init; }

    /// <summary>Duration of every tick, ns.</summary>
    public required double[] TickNs { get; init; }
}
