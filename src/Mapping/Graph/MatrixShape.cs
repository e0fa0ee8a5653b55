using NeuroChip.EventSim;

namespace NeuroChip.Mapping.Graph;

internal static class MatrixShape
{
    /// <summary>The (out, in) sizes of a 2-D weight, or an error naming the node.</summary>
    public static (int Outputs, int Inputs) Of(GraphNode node, FloatTensor weight)
    {
        if (weight.Shape.Length != 2)
        {
            throw new UserInputException($"Node '{node.Name}' ({node.Kind}): weight must be 2-D [out, in] but has shape {ShapeMath.Format(weight.Shape)}.");
        }

        if (ShapeMath.Product(weight.Shape) != weight.Count)
        {
            throw new UserInputException($"Node '{node.Name}' ({node.Kind}): weight declares shape {ShapeMath.Format(weight.Shape)} but holds {weight.Count} values.");
        }

        return (weight.Shape[0], weight.Shape[1]);
    }
}
