using NeuroChip.EventSim.Model;

namespace NeuroChip.Mapping.Placement;

/// <summary>Tile coordinates of every core, for fast hop counts (Manhattan distance between tiles).</summary>
public sealed class HopTable
{
    private readonly int[] x;
    private readonly int[] y;

    public HopTable(MeshTopology mesh)
    {
        CoreCount = mesh.CoreCount;
        x = new int[CoreCount];
        y = new int[CoreCount];
        for (int c = 0; c < CoreCount; c++)
        {
            (x[c], y[c]) = mesh.CorePosition(c);
        }
    }

    public int CoreCount { get; }

    public int Between(int a, int b) => Math.Abs(x[a] - x[b]) + Math.Abs(y[a] - y[b]);
}
