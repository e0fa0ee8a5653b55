using NeuroChip.EventSim.Engine;

namespace NeuroChip.Fuzz.Targets;

/// <summary>Input schedule JSON through <see cref="InputSchedule.Parse"/>.</summary>
internal sealed class InputScheduleTarget : FuzzTarget
{
    public override string Name => "inputschedule";

    public override string Description => "input schedule JSON -> InputSchedule.Parse (src/EventSim/Engine)";

    public override void Parse(byte[] input) => InputSchedule.Parse(JsonText.Decode(input), "fuzz.json");
}
