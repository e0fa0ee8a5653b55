using NeuroChip.Mapping.Ann;
using NeuroChip.Mapping.Import.Onnx;
namespace NeuroChip.Training.Tests;

public sealed class AllocationTests
{
    [Fact]
    public void Accumulate_AfterWarmUp_AllocatesNothing()
    {
        Dataset digits = DigitsDataset.Load().Take(8);
        var net = ReferenceNetwork.Create(NetworkSpec.Cnn(digits.Shape, 10, [4], 8), seed: 1);
        var workspace = new Workspace(net);
        workspace.Accumulate(digits.Sample(0), digits.Labels[0]);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < digits.Count; i++)
        {
            workspace.Accumulate(digits.Sample(i), digits.Labels[i]);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void AnnRun_AfterWarmUp_AllocatesNothing()
    {
        Dataset digits = DigitsDataset.Load().Take(8);
        var net = ReferenceNetwork.Create(NetworkSpec.Cnn(digits.Shape, 10, [4], 8), seed: 1);
        var pass = AnnForwardPass.Create(OnnxImporter.Import(OnnxExport.ToOnnx(net), "mem"));
        AnnState state = pass.CreateState();
        pass.Run(digits.Sample(0), state);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < digits.Count; i++)
        {
            pass.Run(digits.Sample(i), state);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
