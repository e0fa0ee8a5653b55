namespace NeuroChip.Mapping.Tests.Support;

internal static class TestChips
{
    public static ChipSpec Tiny => ChipSpecLoader.LoadPreset("nc-tiny");

    public static ChipSpec Reference => ChipSpecLoader.LoadPreset("nc-ref");

    /// <summary>nc-tiny's formats on a 4 × 4 mesh of 4-core tiles with <paramref name="neurons"/> neurons per core, so small networks split.</summary>
    public static ChipSpec Small(int neurons = 16, bool exponentPerRow = true)
    {
        ChipSpec tiny = Tiny;
        return tiny with
        {
            Name = "test-small",
            Mesh = new MeshSpec { TilesX = 4, TilesY = 4, CoresPerTile = 4 },
            Core = tiny.Core with { MaxNeurons = neurons },
            Formats = tiny.Formats with { WeightExponentPerRow = exponentPerRow },
        };
    }
}
