using NeuroChip.EventSim;
using NeuroChip.EventSim.Model;

namespace NeuroChip.Mapping.Placement;

/// <summary>
/// Puts slices on cores to minimise expected traffic × hops. A greedy pass places slices in order,
/// each on the free tile closest (by weighted hops) to its already placed neighbours; simulated
/// annealing then moves and swaps slices (seeded, so the result is deterministic). The naive
/// row-major placement (slice i on core i) is the baseline reported beside the result, and is kept
/// if the search does not beat it.
/// </summary>
public static class Placer
{
    public static SlicePlacement Place(SliceTraffic traffic, MeshTopology mesh, PlacementOptions? options = null)
    {
        options ??= new PlacementOptions();
        int slices = traffic.SliceCount;
        if (slices > mesh.CoreCount)
        {
            throw new UserInputException($"{slices} slices cannot be placed on {mesh.CoreCount} cores.");
        }

        var hops = new HopTable(mesh);
        int[] naive = Enumerable.Range(0, slices).ToArray();
        double naiveCost = traffic.Cost(naive, hops);
        int iterations = options.Iterations ?? (int)Math.Clamp(300L * slices, 20_000, 3_000_000);
        if (slices <= 1 || traffic.Neighbours.Length == 0)
        {
            return new SlicePlacement(naive, new PlacementReport(naiveCost, naiveCost, 0, options.Seed));
        }

        int[] placed = Greedy(traffic, mesh, hops);
        Anneal(traffic, hops, placed, iterations, new Random(options.Seed), mesh);
        double cost = traffic.Cost(placed, hops);
        if (cost >= naiveCost)
        {
            placed = naive;
            cost = naiveCost;
        }

        return new SlicePlacement(placed, new PlacementReport(cost, naiveCost, iterations, options.Seed));
    }

    private static int[] Greedy(SliceTraffic traffic, MeshTopology mesh, HopTable hops)
    {
        int coresPerTile = mesh.CoreCount / mesh.TileCount;
        var freeInTile = new int[mesh.TileCount];
        Array.Fill(freeInTile, coresPerTile);
        var coreOf = new int[traffic.SliceCount];
        Array.Fill(coreOf, -1);
        var tileX = new int[mesh.TileCount];
        var tileY = new int[mesh.TileCount];
        for (int t = 0; t < mesh.TileCount; t++)
        {
            (tileX[t], tileY[t]) = mesh.TilePosition(t);
        }

        int width = tileX.Max() + 1;
        int height = tileY.Max() + 1;
        int previousTile = ((height / 2) * width) + (width / 2);
        var weightByTile = new Dictionary<int, double>();
        for (int a = 0; a < traffic.SliceCount; a++)
        {
            weightByTile.Clear();
            for (int k = traffic.Offsets[a]; k < traffic.Offsets[a + 1]; k++)
            {
                int core = coreOf[traffic.Neighbours[k]];
                if (core >= 0)
                {
                    int tile = mesh.TileOf(core);
                    weightByTile[tile] = weightByTile.GetValueOrDefault(tile) + traffic.Weights[k];
                }
            }

            if (weightByTile.Count == 0)
            {
                weightByTile[previousTile] = 1;
            }

            int best = -1;
            double bestCost = double.PositiveInfinity;
            for (int t = 0; t < mesh.TileCount; t++)
            {
                if (freeInTile[t] == 0)
                {
                    continue;
                }

                double cost = 0;
                foreach ((int tile, double w) in weightByTile)
                {
                    cost += w * (Math.Abs(tileX[t] - tileX[tile]) + Math.Abs(tileY[t] - tileY[tile]));
                }

                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = t;
                }
            }

            coreOf[a] = (best * coresPerTile) + (coresPerTile - freeInTile[best]);
            freeInTile[best]--;
            previousTile = best;
        }

        return coreOf;
    }

    private static void Anneal(SliceTraffic traffic, HopTable hops, int[] coreOf, int iterations, Random random, MeshTopology mesh)
    {
        var occupant = new int[hops.CoreCount];
        Array.Fill(occupant, -1);
        for (int a = 0; a < coreOf.Length; a++)
        {
            occupant[coreOf[a]] = a;
        }

        double Delta(int a, int to, int skip)
        {
            double d = 0;
            int from = coreOf[a];
            for (int k = traffic.Offsets[a]; k < traffic.Offsets[a + 1]; k++)
            {
                int n = traffic.Neighbours[k];
                if (n != skip)
                {
                    d += traffic.Weights[k] * (hops.Between(to, coreOf[n]) - hops.Between(from, coreOf[n]));
                }
            }

            return d;
        }

        int coresPerTile = mesh.CoreCount / mesh.TileCount;
        int width = 0;
        while (width < mesh.TileCount && mesh.TilePosition(width).Y == 0)
        {
            width++;
        }

        int height = mesh.TileCount / width;
        (int a, int to, double delta) Propose()
        {
            int a = random.Next(coreOf.Length);
            int to;
            int degree = traffic.Offsets[a + 1] - traffic.Offsets[a];
            if (degree > 0 && random.Next(2) == 0)
            {
                int neighbour = traffic.Neighbours[traffic.Offsets[a] + random.Next(degree)];
                (int x, int y) = mesh.CorePosition(coreOf[neighbour]);
                int tile = mesh.TileCount;
                while (tile >= mesh.TileCount || tile < 0)
                {
                    int nx = x + random.Next(-1, 2);
                    int ny = y + random.Next(-1, 2);
                    tile = nx < 0 || ny < 0 || nx >= width || ny >= height ? -1 : (ny * width) + nx;
                }

                to = (tile * coresPerTile) + random.Next(coresPerTile);
            }
            else
            {
                to = random.Next(hops.CoreCount);
            }

            int b = occupant[to];
            if (b == a)
            {
                return (a, to, 0);
            }

            double delta = Delta(a, to, b) + (b >= 0 ? Delta(b, coreOf[a], a) : 0);
            return (a, to, delta);
        }

        double sum = 0;
        int samples = 0;
        for (int i = 0; i < 200; i++)
        {
            double d = Propose().delta;
            if (d > 0)
            {
                sum += d;
                samples++;
            }
        }

        double start = samples > 0 ? sum / samples : 1;
        double end = start * 1e-4;
        for (int i = 0; i < iterations; i++)
        {
            double temperature = start * Math.Pow(end / start, (double)i / iterations);
            (int a, int to, double delta) = Propose();
            if (delta <= 0 || random.NextDouble() < Math.Exp(-delta / temperature))
            {
                int from = coreOf[a];
                int b = occupant[to];
                if (b == a)
                {
                    continue;
                }

                coreOf[a] = to;
                occupant[to] = a;
                occupant[from] = b;
                if (b >= 0)
                {
                    coreOf[b] = from;
                }
            }
        }
    }
}
