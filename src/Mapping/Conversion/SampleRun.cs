using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;

namespace NeuroChip.Mapping.Conversion;

/// <summary>
/// One test sample run exactly as <see cref="ChipEvaluator"/> runs it (same input schedule, T + depth ticks), with the
/// timing replay on and, when asked, every spike recorded.
/// </summary>
public static class SampleRun
{
    public static RunResult Run(ChipImage image, LabelledSamples data, int sample, int timesteps, bool recordSpikes, CancellationToken cancellationToken)
    {
        ImageGeometry geometry = ImageGeometry.Of(image);
        using var simulator = new Simulator(image, new SimulatorOptions { Timing = true, RecordSpikes = recordSpikes });
        return simulator.Run(timesteps + geometry.Depth, ChipEvaluator.Schedule(geometry, data.Sample(sample)), cancellationToken);
    }
}
