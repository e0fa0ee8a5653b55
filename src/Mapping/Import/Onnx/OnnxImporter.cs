using NeuroChip.EventSim;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>
/// ONNX → <see cref="NetworkGraph"/> for feed-forward ANNs (opsets 11–17): Gemm, MatMul (+ Add of a constant),
/// Conv, Relu, AveragePool, GlobalAveragePool, Flatten, Reshape (to [batch, features]) become graph nodes;
/// BatchNormalization is folded into the Conv or Gemm before it; Dropout, Identity and a final Softmax are dropped.
/// Anything else is refused with the node's name, its op type and what to use instead. Shapes drop the batch axis.
/// </summary>
public static class OnnxImporter
{
    public static NetworkGraph ImportFile(string path) => Import(OnnxModelFile.Read(path), path);

    public static NetworkGraph Import(OnnxModel model, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        long opset = model.DefaultOpsetVersion(source);
        if (opset is < OnnxImportRules.MinOpset or > OnnxImportRules.MaxOpset)
        {
            throw new UserInputException(
                $"{source}: the model uses ONNX opset {opset}; NeuroChip imports opsets {OnnxImportRules.MinOpset} to {OnnxImportRules.MaxOpset}. Re-export it with opset_version=13 (or convert it with onnx.version_converter).");
        }

        return new OnnxImportState(model.Graph, source).Run();
    }
}
