using NeuroChip.Tests.Shared;

namespace NeuroChip.Mapping.Tests.Graph;

/// <summary>
/// Random byte and field mutations of valid network graphs (<see cref="JsonMutations"/>): <see cref="NetworkGraphJson.Parse"/>
/// either returns a graph whose shapes infer or throws its own <see cref="UserInputException"/>; any other exception is a
/// bug and fails with the mutation that caused it.
/// </summary>
public sealed class NetworkGraphMutationPropertyTests
{
    public static TheoryData<string> GraphNames => ["dense", "convPool", "recurrent"];

    [Theory]
    [MemberData(nameof(GraphNames))]
    public void Parse_MutatedGraph_GraphWithShapesOrUserInputException(string name)
    {
        NetworkGraph graph = name switch
        {
            "dense" => Graphs.Dense(1),
            "convPool" => Graphs.ConvPool(1),
            _ => Graphs.Recurrent(1),
        };
        string valid = NetworkGraphJson.Serialize(graph);
        Gen.Int.Sample(seed =>
        {
            string mutated = JsonMutations.Mutate(valid, seed);
            try
            {
                NetworkGraph read = NetworkGraphJson.Parse(mutated, "mutated.json");
                GraphShapes shapes = ShapeInference.Infer(read);
                Assert.All(read.Nodes, n => Assert.True(shapes.Size(n.Name) >= 0));
            }
            catch (UserInputException)
            {
                // the loader's own, user-fixable refusal: allowed
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"mutation {seed} ({JsonMutations.Describe(valid, seed)}) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }, iter: 2_000);
    }
}
