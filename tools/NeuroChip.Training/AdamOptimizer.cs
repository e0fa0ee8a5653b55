namespace NeuroChip.Training;

/// <summary>
/// Adam (Kingma &amp; Ba 2015): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − α·√(1−β₂ᵗ)/(1−β₁ᵗ)·m/(√v + ε).
/// </summary>
internal sealed class AdamOptimizer(int parameterCount, float beta1, float beta2, float epsilon)
{
    private readonly float[] _m = new float[parameterCount];
    private readonly float[] _v = new float[parameterCount];
    private int _step;

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate)
    {
        _step++;
        double correction = Math.Sqrt(1 - Math.Pow(beta2, _step)) / (1 - Math.Pow(beta1, _step));
        float stepSize = (float)(learningRate * correction);
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradient[i];
            float m = _m[i] = (beta1 * _m[i]) + ((1 - beta1) * g);
            float v = _v[i] = (beta2 * _v[i]) + ((1 - beta2) * g * g);
            parameters[i] -= stepSize * m / (MathF.Sqrt(v) + epsilon);
        }
    }
}
