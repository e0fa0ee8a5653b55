namespace NeuroChip.Training.Tests;

public sealed class LayerTests
{
    [Fact]
    public void DenseForward_TwoByTwo_MatchesHandComputation()
    {
        var layer = new DenseLayer(new SampleShape(2, 1, 1), new DenseSpec(2));
        float[] parameters = [1, 2, 3, 4, 0.5f, -1]; // W = [[1, 2], [3, 4]], b = [0.5, -1]
        var y = new float[2];

        layer.Forward([1, -1], y, parameters, []);

        // y0 = 1·1 + 2·(−1) + 0.5 = −0.5; y1 = 3·1 + 4·(−1) − 1 = −2
        Assert.Equal(new[] { -0.5f, -2f }, y);
    }

    [Fact]
    public void Conv2dForward_NoPadding_MatchesHandComputation()
    {
        var input = new SampleShape(1, 3, 3);
        var spec = new Conv2dSpec(1, 2, 0);
        var layer = new Conv2dLayer(input, new SampleShape(1, 2, 2), spec);
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        float[] parameters = [1, 0, 0, -1, 1]; // kernel [[1, 0], [0, −1]], bias 1
        var y = new float[4];

        layer.Forward(x, y, parameters, new float[layer.ScratchLength]);

        // y[oy, ox] = x[oy, ox] − x[oy + 1, ox + 1] + 1 = (−4) + 1 = −3 everywhere (rows differ by 3, columns by 1).
        Assert.Equal(new[] { -3f, -3f, -3f, -3f }, y);
    }

    [Fact]
    public void Conv2dForward_PaddingOne_CornersSeeOnlyOneTap()
    {
        var layer = new Conv2dLayer(new SampleShape(1, 3, 3), new SampleShape(1, 4, 4), new Conv2dSpec(1, 2, 1, Bias: false));
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        float[] parameters = [1, 0, 0, -1];
        var y = new float[16];

        layer.Forward(x, y, parameters, new float[layer.ScratchLength]);

        // y[0,0]: only tap (1,1) lands inside, on x[0,0] = 1 with weight −1 → −1.
        // y[3,3]: only tap (0,0) lands inside, on x[2,2] = 9 with weight 1 → 9.
        // y[1,1]: x[0,0] − x[1,1] = 1 − 5 = −4.
        Assert.Equal(-1f, y[0]);
        Assert.Equal(9f, y[15]);
        Assert.Equal(-4f, y[5]);
    }

    [Fact]
    public void AveragePoolForward_TwoByFour_AveragesWindows()
    {
        var layer = new AveragePoolLayer(new SampleShape(1, 2, 4), new SampleShape(1, 1, 2), 2);
        var y = new float[2];

        layer.Forward([1, 2, 3, 4, 5, 6, 7, 8], y, [], []);

        // (1 + 2 + 5 + 6) / 4 = 3.5; (3 + 4 + 7 + 8) / 4 = 5.5
        Assert.Equal(new[] { 3.5f, 5.5f }, y);
    }

    [Fact]
    public void ReluBackward_PassesGradientOnlyWherePositive()
    {
        var layer = new ReluLayer(new SampleShape(3, 1, 1));
        var y = new float[3];
        var dx = new float[3];

        layer.Forward([-1, 0, 2], y, [], []);
        layer.Backward([-1, 0, 2], y, [5, 6, 7], dx, [], [], []);

        Assert.Equal(new[] { 0f, 0f, 2f }, y);
        Assert.Equal(new[] { 0f, 0f, 7f }, dx);
    }
}
