namespace NeuroChip.Mapping.Graph;

/// <summary>What a spiking node does to its voltage after a spike.</summary>
public enum GraphResetMode
{
    /// <summary>v ← v_reset (NIR's semantics).</summary>
    ToValue,

    /// <summary>v ← v − v_threshold ("soft" reset; v_reset is ignored). What ANN-to-SNN conversion uses.</summary>
    Subtract,
}
