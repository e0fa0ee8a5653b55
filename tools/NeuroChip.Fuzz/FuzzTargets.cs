using NeuroChip.Fuzz.Targets;

namespace NeuroChip.Fuzz;

/// <summary>
/// Every parser that reads user bytes. Adding a parser (NIR, sweep files, ...) is one class in Targets/ and one
/// entry here; fuzz.sh picks it up from <c>neurochip-fuzz list</c>.
/// </summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new OnnxModelTarget(),
        new ChipSpecTarget(),
        new ChipImageJsonTarget(),
        new ChipImageBinaryTarget(),
        new IdxTarget(),
        new NetworkGraphTarget(),
        new InputScheduleTarget(),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
