using NeuroChip.Mapping.Routing;
namespace NeuroChip.Mapping.Tests.Routing;

public sealed class RouteCheckerTests
{
    [Fact]
    public void Check_CompiledImage_Passes()
    {
        CompilationResult result = Compiler.Compile(Graphs.Recurrent(1), TestChips.Small(neurons: 8));
        RouteCheckReport report = RouteChecker.Check(result.Image, result.Network, result.Partition, result.CoreOfSlice);
        Assert.True(report.Passed);
        Assert.Equal(result.Network.NeuronCount + result.Network.Inputs.Sum(i => i.Size), report.SourcesChecked);
    }

    [Fact]
    public void Check_RouteEntryRedirected_Fails()
    {
        CompilationResult result = Compiler.Compile(Graphs.Dense(1), TestChips.Small(neurons: 8));
        CoreConfig victim = result.Image.Cores.First(c => c.Routes.EntryCount > 0);
        int[] cores = (int[])victim.Routes.DestinationCores.Clone();
        int[] axons = (int[])victim.Routes.DestinationAxons.Clone();
        axons[0] = axons[0] == 0 ? 1 : 0;
        CoreConfig broken = victim with { Routes = victim.Routes with { DestinationCores = cores, DestinationAxons = axons } };
        ChipImage image = result.Image with { Cores = result.Image.Cores.Select(c => c.CoreId == victim.CoreId ? broken : c).ToList() };
        RouteCheckReport report = RouteChecker.Check(image, result.Network, result.Partition, result.CoreOfSlice);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Check_WeightChanged_Fails()
    {
        CompilationResult result = Compiler.Compile(Graphs.Dense(1), TestChips.Small(neurons: 8));
        CoreConfig victim = result.Image.Cores.First(c => c.Axons.Count > 0);
        short[] weights = (short[])victim.Axons[0].Weights.Clone();
        weights[0] = (short)(weights[0] == 5 ? 6 : 5);
        SynapseRow row = victim.Axons[0] with { Weights = weights };
        CoreConfig broken = victim with { Axons = [row, .. victim.Axons.Skip(1)] };
        ChipImage image = result.Image with { Cores = result.Image.Cores.Select(c => c.CoreId == victim.CoreId ? broken : c).ToList() };
        Assert.False(RouteChecker.Check(image, result.Network, result.Partition, result.CoreOfSlice).Passed);
    }
}
