namespace NeuroChip.Mapping.Tests.Ann;

public sealed class AnnForwardPassTests
{
    private static NetworkGraph Chain(int[] inputShape, params GraphNode[] nodes)
    {
        var all = new List<GraphNode> { new InputNode { Name = "in", Shape = inputShape } };
        all.AddRange(nodes);
        all.Add(new OutputNode { Name = "out" });
        var edges = new List<GraphEdge>();
        for (int i = 1; i < all.Count; i++)
        {
            edges.Add(GraphEdge.Of(all[i - 1].Name, all[i].Name));
        }

        return new NetworkGraph { Nodes = all, Edges = edges };
    }

    [Fact]
    public void Predict_AffineRelu_MatchesHandComputation()
    {
        var graph = Chain([3],
            new AffineNode { Name = "fc", Weight = FloatTensor.Of([1, 0, -1, 2, 2, 2], 2, 3), Bias = FloatTensor.Of([0.5f, -20], 2) },
            new ReluNode { Name = "relu" });

        float[] y = AnnForwardPass.Create(graph).Predict([1, 2, 3]);

        // fc: [1 − 3 + 0.5, 2 + 4 + 6 − 20] = [−1.5, −8] → ReLU → [0, 0]; use a second input to see a positive value.
        Assert.Equal(new[] { 0f, 0f }, y);
        // [3, 0, 0]: fc = [3 + 0.5, 6 − 20] = [3.5, −14] → [3.5, 0]
        Assert.Equal(new[] { 3.5f, 0f }, AnnForwardPass.Create(graph).Predict([3, 0, 0]));
    }

    [Fact]
    public void Predict_Conv2dStrideTwoWithPadding_MatchesHandComputation()
    {
        // Input 1×3×3 = [[1,2,3],[4,5,6],[7,8,9]], kernel 3×3 of ones, padding 1, stride 2 → output 2×2 of window sums:
        // (0,0): rows 0–1, cols 0–1 = 1+2+4+5 = 12; (0,1): rows 0–1, cols 1–2 = 2+3+5+6 = 16;
        // (1,0): rows 1–2, cols 0–1 = 4+5+7+8 = 24; (1,1): 5+6+8+9 = 28. Bias 1 added.
        var conv = new Conv2dNode { Name = "conv", Weight = FloatTensor.Filled(1f, 1, 1, 3, 3), Bias = FloatTensor.Of([1f], 1), Padding = [1, 1], Stride = [2, 2] };

        float[] y = AnnForwardPass.Create(Chain([1, 3, 3], conv)).Predict([1, 2, 3, 4, 5, 6, 7, 8, 9]);

        Assert.Equal(new[] { 13f, 17f, 25f, 29f }, y);
    }

    [Fact]
    public void Predict_GroupedConvAndAveragePool_MatchHandComputation()
    {
        // Two channels, groups = 2, 1×1 kernels ×2 and ×(−1): channel 0 doubles, channel 1 negates; then 2×2 average.
        var conv = new Conv2dNode { Name = "conv", Weight = FloatTensor.Of([2f, -1f], 2, 1, 1, 1), Groups = 2 };
        var pool = new AvgPool2dNode { Name = "pool", KernelSize = [2, 2], Stride = [2, 2] };

        float[] y = AnnForwardPass.Create(Chain([2, 2, 2], conv, pool)).Predict([1, 2, 3, 4, 10, 20, 30, 40]);

        // channel 0: 2·(1+2+3+4)/4 = 5; channel 1: −(10+20+30+40)/4 = −25
        Assert.Equal(new[] { 5f, -25f }, y);
    }

    [Fact]
    public void Run_State_ExposesEveryNodesActivation()
    {
        var graph = Chain([2], new LinearNode { Name = "fc", Weight = FloatTensor.Of([1, 1], 1, 2) }, new ReluNode { Name = "relu" });
        var pass = AnnForwardPass.Create(graph);
        AnnState state = pass.CreateState();

        pass.Run([2, -5], state);

        Assert.Equal(new[] { -3f }, state.Activation("fc").ToArray());
        Assert.Equal(new[] { 0f }, state.Activation("relu").ToArray());
        Assert.Equal(["in", "fc", "relu", "out"], pass.Order);
    }

    [Fact]
    public void Accuracy_TwoSamples_CountsArgMax()
    {
        var graph = Chain([2], new LinearNode { Name = "id", Weight = FloatTensor.Of([1, 0, 0, 1], 2, 2) });

        double accuracy = AnnForwardPass.Create(graph).Accuracy([1, 0, 0, 1, 5, 2], [0, 0, 0], threads: 2);

        // samples [1,0] → 0 ✓, [0,1] → 1 ✗, [5,2] → 0 ✓
        Assert.Equal(2.0 / 3.0, accuracy, 12);
    }

    [Fact]
    public void Create_SpikingNode_Refused()
    {
        var graph = Chain([2], new IfNode { Name = "if", VThreshold = FloatTensor.Scalar(1f) });

        var e = Assert.Throws<UserInputException>(() => AnnForwardPass.Create(graph));

        Assert.Contains("'if'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WrongInputLength_Throws()
    {
        var pass = AnnForwardPass.Create(Chain([3], new ReluNode { Name = "r" }));

        Assert.Throws<UserInputException>(() => pass.Run([1, 2], pass.CreateState()));
    }
}
