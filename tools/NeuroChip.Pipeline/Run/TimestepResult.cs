using NeuroChip.EventSim.Engine;
using NeuroChip.Mapping;
using NeuroChip.Mapping.Conversion;

namespace NeuroChip.Pipeline.Run;

/// <summary>What the run produced at one T: the conversion (null for a spiking model), the compiled image, both SNN accuracies, and the timed sample.</summary>
internal sealed record TimestepResult(
    int Timesteps,
    ConversionResult? Conversion,
    CompilationResult Compiled,
    double FloatSnnAccuracy,
    ChipEvaluation Chip,
    RunResult Sample);
