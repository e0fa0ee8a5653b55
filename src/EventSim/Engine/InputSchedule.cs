using NeuroChip.EventSim.Serialization;

namespace NeuroChip.EventSim.Engine;

/// <summary>A host spike on a spike-input port's channel, with an integer payload (1 for a binary spike).</summary>
public readonly record struct InputSpike(int Tick, string Port, int Channel, int Payload = 1);

/// <summary>A held current on a current-input port's channel, from <see cref="Tick"/> until changed.</summary>
public readonly record struct InputCurrent(int Tick, string Port, int Channel, int Value);

/// <summary>
/// What the host sends the chip during a run: spike events on input axons and held currents into
/// neurons (direct encoding). Ticks are relative to the start of the run they are passed to.
/// </summary>
public sealed class InputSchedule
{
    private readonly List<InputSpike> spikes = [];
    private readonly List<InputCurrent> currents = [];

    public IReadOnlyList<InputSpike> Spikes => spikes;

    public IReadOnlyList<InputCurrent> Currents => currents;

    public void AddSpike(int tick, string port, int channel, int payload = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tick);
        spikes.Add(new InputSpike(tick, port, channel, payload));
    }

    public void SetCurrent(int tick, string port, int channel, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tick);
        currents.Add(new InputCurrent(tick, port, channel, value));
    }

    /// <summary>Reads the JSON input file format: <c>{"spikes":[{"tick","port","channel","payload"}], "currents":[{"tick","port","channel","value"}]}</c>.</summary>
    public static InputSchedule Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"Input file '{path}' does not exist.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses the JSON input file format; <paramref name="source"/> names the input in error messages.</summary>
    public static InputSchedule Parse(string json, string source)
    {
        InputFile file = Json.Parse<InputFile>(json, $"Input file '{source}'");
        var schedule = new InputSchedule();
        for (int k = 0; k < file.Spikes.Count; k++)
        {
            InputSpike s = file.Spikes[k];
            if (s.Tick < 0 || s.Channel < 0)
            {
                throw new UserInputException($"Input file '{source}': $.spikes[{k}] has tick {s.Tick} and channel {s.Channel}; both must be ≥ 0.");
            }

            schedule.spikes.Add(s with { Payload = s.Payload == 0 ? 1 : s.Payload });
        }

        for (int k = 0; k < file.Currents.Count; k++)
        {
            InputCurrent c = file.Currents[k];
            if (c.Tick < 0 || c.Channel < 0)
            {
                throw new UserInputException($"Input file '{source}': $.currents[{k}] has tick {c.Tick} and channel {c.Channel}; both must be ≥ 0.");
            }

            schedule.currents.Add(c);
        }

        return schedule;
    }

    public void Save(string path) => Json.WriteFile(path, new InputFile { Spikes = spikes, Currents = currents });

    private sealed record InputFile
    {
        public IReadOnlyList<InputSpike> Spikes { get; init; } = [];

        public IReadOnlyList<InputCurrent> Currents { get; init; } = [];
    }
}
