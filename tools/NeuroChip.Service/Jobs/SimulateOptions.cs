using NeuroChip.EventSim.Engine;

namespace NeuroChip.Service.Jobs;

/// <summary>
/// Options of a <c>simulate</c> job, as the client sends them in the <c>options</c> form field:
/// <c>{"ticks": 60, "threads": 1, "input": {"spikes": [{"tick","port","channel","payload"}], "currents": [{"tick","port","channel","value"}]}}</c>.
/// Without <c>input</c>, a built-in example runs with its own input and an upload runs with none.
/// </summary>
internal sealed record SimulateOptions
{
    public const int MaxThreads = 4;

    public int? Ticks { get; init; }

    public int Threads { get; init; } = 1;

    public SimulateInput? Input { get; init; }
}

/// <summary>Host input of a simulation: the same shape as <c>neurochip simulate --input</c> files.</summary>
internal sealed record SimulateInput
{
    public IReadOnlyList<InputSpike> Spikes { get; init; } = [];

    public IReadOnlyList<InputCurrent> Currents { get; init; } = [];
}

/// <summary>What a prepared simulate job stores as its options: the input itself lives in the job's input directory.</summary>
internal sealed record SimulateJobSettings(int Ticks, int Threads, string ImageFile, int InputSpikes, int InputCurrents, string? Example);
