namespace NeuroChip.OnChipLearning.Continual;

/// <summary>
/// The accuracy matrix of continual learning: R[i, j] is the test accuracy on task j after training task i
/// (N × N, rows in training order), with the source documents' summaries
/// <code>
///   ACC = (1/N)·Σ_j R[N−1, j]          BWT = (1/(N−1))·Σ_{j&lt;N−1} (R[N−1, j] − R[j, j])
/// </code>
/// BWT is 0 for a single task. Accuracies are fractions in [0, 1].
/// </summary>
public sealed record AccuracyMatrix
{
    public AccuracyMatrix(double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0 || rows.Any(r => r.Length != rows.Length))
        {
            throw new ArgumentException($"An accuracy matrix is square and non-empty; got {rows.Length} rows of lengths [{string.Join(", ", rows.Select(r => r.Length))}].", nameof(rows));
        }

        Rows = rows;
    }

    /// <summary>R[i][j]: accuracy on task j after training task i.</summary>
    public IReadOnlyList<double[]> Rows { get; }

    public int Tasks => Rows.Count;

    public double this[int afterTask, int onTask] => Rows[afterTask][onTask];

    public double Acc => Rows[^1].Average();

    public double Bwt => Tasks < 2 ? 0 : Enumerable.Range(0, Tasks - 1).Average(j => Rows[^1][j] - Rows[j][j]);
}
