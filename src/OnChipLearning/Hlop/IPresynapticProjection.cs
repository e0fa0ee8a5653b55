namespace NeuroChip.OnChipLearning.Hlop;

/// <summary>
/// Replaces the presynaptic factor of a weight layer's update by a projection of it, leaving the forward pass
/// alone (HLOP: x ↦ x − H_oldᵀ·H_old·x, so the update cannot move outputs along the protected subspace).
/// </summary>
public interface IPresynapticProjection
{
    /// <summary>Whether weight layer <paramref name="layer"/> (0 = input → first hidden) has anything to project out.</summary>
    bool Projects(int layer);

    /// <summary>Writes the projected presynaptic factor of layer <paramref name="layer"/> into <paramref name="projected"/>.</summary>
    void Project(int layer, ReadOnlySpan<float> pre, Span<float> projected);
}
