namespace NeuroChip.Mapping.Tests.Support;

/// <summary>Random layered spiking graphs: dense and sparse projections, three neuron kinds, optional delayed recurrence.</summary>
internal static class RandomGraphs
{
    public static NetworkGraph Build(int seed)
    {
        var random = new Random(seed);
        var nodes = new List<GraphNode>();
        var edges = new List<GraphEdge>();
        int width = random.Next(1, 13);
        nodes.Add(new InputNode { Name = "in", Shape = [width] });
        string previous = "in";
        int layers = random.Next(1, 4);
        for (int l = 0; l < layers; l++)
        {
            int size = random.Next(1, 41);
            string weights = $"w{l}";
            nodes.Add(random.Next(2) == 0
                ? Graphs.Affine(weights, random, size, width)
                : new LinearNode { Name = weights, Weight = Sparse(random, size, width) });
            edges.Add(GraphEdge.Of(previous, weights));
            string into = weights;
            if (random.Next(3) == 0)
            {
                string scale = $"s{l}";
                nodes.Add(new ScaleNode { Name = scale, Scale = Graphs.Random(random, 1f, size) });
                edges.Add(GraphEdge.Of(weights, scale));
                into = scale;
            }

            string neuron = $"n{l}";
            nodes.Add(Neuron(random, neuron));
            edges.Add(GraphEdge.Of(into, neuron));
            if (random.Next(3) == 0)
            {
                nodes.Add(new LinearNode { Name = $"r{l}", Weight = Sparse(random, size, size) });
                nodes.Add(new DelayNode { Name = $"d{l}", Delay = FloatTensor.Scalar(random.Next(0, 4)) });
                edges.Add(GraphEdge.Of(neuron, $"r{l}"));
                edges.Add(GraphEdge.Of($"r{l}", $"d{l}"));
                edges.Add(GraphEdge.Of($"d{l}", neuron));
            }

            previous = neuron;
            width = size;
        }

        nodes.Add(new OutputNode { Name = "out" });
        edges.Add(GraphEdge.Of(previous, "out"));
        return new NetworkGraph { Nodes = nodes, Edges = edges };
    }

    private static FloatTensor Sparse(Random random, int outputs, int inputs)
    {
        FloatTensor tensor = Graphs.Random(random, 1f, outputs, inputs);
        for (int i = 0; i < tensor.Count; i++)
        {
            if (random.NextDouble() < 0.6)
            {
                tensor.Data[i] = 0f;
            }
        }

        return tensor;
    }

    private static NeuronNode Neuron(Random random, string name) => random.Next(3) switch
    {
        0 => Graphs.If(name, 0.5f + (float)random.NextDouble()),
        1 => new LifNode { Name = name, Tau = FloatTensor.Scalar(random.Next(2, 20)), VThreshold = FloatTensor.Scalar(1f) },
        _ => new CubaLifNode { Name = name, TauSyn = FloatTensor.Scalar(random.Next(1, 10)), TauMem = FloatTensor.Scalar(random.Next(2, 20)), VThreshold = FloatTensor.Scalar(0.5f) },
    };
}
