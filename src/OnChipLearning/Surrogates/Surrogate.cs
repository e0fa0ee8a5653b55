namespace NeuroChip.OnChipLearning.Surrogates;

/// <summary>
/// The sigmoid surrogate derivative ψ(x) = α·σ(αx)·(1 − σ(αx)), x = u − θ in threshold units; its peak
/// is α/4 at x = 0. The chip reads it from a small table (<see cref="SurrogateTable"/>).
/// </summary>
public static class Surrogate
{
    public static double Psi(double x, double alpha)
    {
        double s = 1 / (1 + Math.Exp(-alpha * x));
        return alpha * s * (1 - s);
    }
}
