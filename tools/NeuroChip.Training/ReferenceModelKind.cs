namespace NeuroChip.Training;

/// <summary>The two reference architectures of the built-in trainer.</summary>
public enum ReferenceModelKind
{
    /// <summary>Flatten → Dense(hidden) → ReLU → Dense(classes).</summary>
    Mlp,

    /// <summary>(Conv 3×3 → ReLU → AvgPool 2×2) per block → Flatten → Dense(classes).</summary>
    Cnn,
}
