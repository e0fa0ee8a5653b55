namespace NeuroChip.Pipeline.Run;

/// <summary>
/// Progress of a run: step <see cref="Step"/> (e.g. "chip SNN") on <see cref="Detail"/> (e.g. "T = 16") has done
/// <see cref="Done"/> of <see cref="Total"/> units (epochs, samples; Total = 0 for a step without units).
/// <see cref="Finished"/> is set once, on the step's last report.
/// </summary>
public readonly record struct RunProgress(string Step, string Detail, int Done, int Total, bool Finished);
