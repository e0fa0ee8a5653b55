namespace NeuroChip.OnChipLearning.Tests.Training;

public sealed class LossTests
{
    [Fact]
    public void Instantaneous_TwoClasses_GivesTheHandDerivedErrorAndLoss()
    {
        // o = [0.5, −0.5], label 0, γ = 0.05, T = 2. p = softmax(o) = [e^0.5, e^−0.5] / (e^0.5 + e^−0.5) = [0.731059, 0.268941].
        // e_c = [0.95·(p_c − y_c) + 0.05·2·(o_c − y_c)/2] / 2:
        //   e_0 = [0.95·(−0.268941) + 0.05·(−0.5)] / 2 = (−0.255494 − 0.025) / 2 = −0.140247
        //   e_1 = [0.95·0.268941 + 0.05·(−0.5)] / 2 = (0.255494 − 0.025) / 2 = 0.115247
        // CE = −ln 0.731059 = 0.313262; MSE = ((−0.5)² + (−0.5)²) / 2 = 0.25; ℓ = (0.95·0.313262 + 0.05·0.25) / 2 = 0.155049.
        var error = new double[2];
        double loss = Loss.Instantaneous([0.5, -0.5], 0, 0.05, 2, error);
        Assert.Equal(-0.140247, error[0], 6);
        Assert.Equal(0.115247, error[1], 6);
        Assert.Equal(0.155049, loss, 6);
    }
}
