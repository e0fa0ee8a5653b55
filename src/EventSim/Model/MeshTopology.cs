namespace NeuroChip.EventSim.Model;

/// <summary>Direction of a mesh link leaving a tile.</summary>
public enum LinkDirection
{
    East = 0,
    West = 1,
    North = 2,
    South = 3,
}

/// <summary>
/// Geometry of the mesh: where each core sits and the dimension-order (X then Y) path between two
/// cores. A link is identified by the tile it leaves and its direction: <c>tile · 4 + direction</c>.
/// </summary>
public sealed class MeshTopology
{
    private readonly MeshSpec mesh;

    public MeshTopology(MeshSpec mesh)
    {
        this.mesh = mesh;
    }

    public int CoreCount => mesh.TilesX * mesh.TilesY * mesh.CoresPerTile;

    public int TileCount => mesh.TilesX * mesh.TilesY;

    public int LinkCount => TileCount * 4;

    public int TileOf(int core) => core / mesh.CoresPerTile;

    public (int X, int Y) TilePosition(int tile) => (tile % mesh.TilesX, tile / mesh.TilesX);

    public (int X, int Y) CorePosition(int core) => TilePosition(TileOf(core));

    public static int LinkId(int tile, LinkDirection direction) => (tile * 4) + (int)direction;

    public static (int Tile, LinkDirection Direction) DescribeLink(int link) => (link / 4, (LinkDirection)(link % 4));

    /// <summary>Number of tile-to-tile hops from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public int Hops(int source, int destination)
    {
        (int sx, int sy) = CorePosition(source);
        (int dx, int dy) = CorePosition(destination);
        return Math.Abs(dx - sx) + Math.Abs(dy - sy);
    }

    /// <summary>Splits the hops into east-west and north-south counts.</summary>
    public (int EastWest, int NorthSouth) HopsByAxis(int source, int destination)
    {
        (int sx, int sy) = CorePosition(source);
        (int dx, int dy) = CorePosition(destination);
        return (Math.Abs(dx - sx), Math.Abs(dy - sy));
    }

    /// <summary>The links a packet crosses under dimension-order routing: first along X, then along Y.</summary>
    public int[] Path(int source, int destination)
    {
        (int x, int y) = CorePosition(source);
        (int dx, int dy) = CorePosition(destination);
        var links = new int[Math.Abs(dx - x) + Math.Abs(dy - y)];
        int n = 0;
        while (x != dx)
        {
            int tile = (y * mesh.TilesX) + x;
            LinkDirection direction = dx > x ? LinkDirection.East : LinkDirection.West;
            links[n++] = LinkId(tile, direction);
            x += dx > x ? 1 : -1;
        }

        while (y != dy)
        {
            int tile = (y * mesh.TilesX) + x;
            LinkDirection direction = dy > y ? LinkDirection.North : LinkDirection.South;
            links[n++] = LinkId(tile, direction);
            y += dy > y ? 1 : -1;
        }

        return links;
    }
}
