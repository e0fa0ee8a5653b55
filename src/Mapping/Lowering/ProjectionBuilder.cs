using NeuroChip.EventSim;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Lowering;

/// <summary>
/// Composes the linear nodes on one path into a projection. A path whose only non-trivial node is a
/// single Affine or Linear (with Flatten, scalar Scale and uniform Delay around it) stays dense and is
/// built straight from the weight matrix; any other path is expanded and composed entry by entry.
/// </summary>
internal static class ProjectionBuilder
{
    public static FloatProjection Build(ProjectionSource source, string sourceName, IReadOnlyList<GraphNode> chain, GraphNode target, int targetIndex, GraphShapes shapes, float[] gain, double dt)
    {
        string name = string.Join(" → ", new[] { sourceName }.Concat(chain.Select(c => c.Name)).Append(target.Name));
        int sources = shapes.Size(sourceName);
        int targets = shapes.Size(target.Name);
        FloatProjection projection = TryDense(name, source, chain, targetIndex, sources, targets, gain, dt)
            ?? Sparse(name, source, sourceName, chain, targetIndex, shapes, gain, dt);
        if (projection.Layout.MaxDelayTicks() > byte.MaxValue)
        {
            throw new UserInputException($"Projection {name}: a delay of {projection.Layout.MaxDelayTicks()} ticks is longer than any chip supports (255); shorten the Delay.");
        }

        return projection;
    }

    private static FloatProjection? TryDense(string name, ProjectionSource source, IReadOnlyList<GraphNode> chain, int targetIndex, int sources, int targets, float[] gain, double dt)
    {
        FloatTensor? weight = null;
        float scale = 1f;
        int delay = 0;
        foreach (GraphNode node in chain)
        {
            switch (node)
            {
                case AffineNode a when weight is null:
                    weight = a.Weight;
                    break;
                case LinearNode l when weight is null:
                    weight = l.Weight;
                    break;
                case FlattenNode:
                    break;
                case ScaleNode s when s.Scale.Count == 1:
                    scale *= s.Scale.Data[0];
                    break;
                case DelayNode d when d.Delay.Count == 1:
                    delay += LinearExpansion.DelayTicks(d, 0, dt);
                    break;
                default:
                    return null;
            }
        }

        if (weight is null || (long)sources * targets > Array.MaxLength)
        {
            return null;
        }

        var weights = new float[sources * targets];
        Parallel.For(0, sources, s =>
        {
            int row = s * targets;
            for (int t = 0; t < targets; t++)
            {
                weights[row + t] = weight.Data[((long)t * sources) + s] * scale * gain[t];
            }
        });
        return new FloatProjection
        {
            Name = name,
            Source = source,
            TargetPopulation = targetIndex,
            Layout = SynapseLayout.Dense(sources, targets, Math.Min(delay, byte.MaxValue + 1)),
            Weights = weights,
        };
    }

    private static FloatProjection Sparse(string name, ProjectionSource source, string sourceName, IReadOnlyList<GraphNode> chain, int targetIndex, GraphShapes shapes, float[] gain, double dt)
    {
        SparseOperator op = SparseOperator.Identity(shapes.Size(sourceName));
        string previous = sourceName;
        foreach (GraphNode node in chain)
        {
            op = op.Then(LinearExpansion.Expand(node, shapes[previous], shapes[node.Name], dt));
            previous = node.Name;
        }

        var offsets = new int[op.Inputs + 1];
        var targets = new List<int>();
        var weights = new List<float>();
        var delays = new List<int>();
        for (int s = 0; s < op.Inputs; s++)
        {
            for (int k = op.Offsets[s]; k < op.Offsets[s + 1]; k++)
            {
                float w = op.Values[k] * gain[op.Columns[k]];
                if (w != 0f)
                {
                    targets.Add(op.Columns[k]);
                    weights.Add(w);
                    delays.Add(op.Delays[k]);
                }
            }

            offsets[s + 1] = targets.Count;
        }

        bool uniform = delays.Count == 0 || delays.All(d => d == delays[0]);
        int first = delays.Count == 0 ? 0 : delays[0];
        byte[]? delayBytes = uniform ? null : delays.Select(d => (byte)Math.Min(d, byte.MaxValue)).ToArray();
        if (!uniform && delays.Max() > byte.MaxValue)
        {
            throw new UserInputException($"Projection {name}: a delay of {delays.Max()} ticks is longer than any chip supports (255); shorten the Delay.");
        }

        return new FloatProjection
        {
            Name = name,
            Source = source,
            TargetPopulation = targetIndex,
            Layout = SynapseLayout.Sparse(op.Outputs, offsets, [.. targets], delayBytes, Math.Min(first, byte.MaxValue + 1)),
            Weights = [.. weights],
        };
    }
}
