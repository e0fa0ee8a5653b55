using NeuroChip.Mapping.Import.Onnx;

namespace NeuroChip.Training;

/// <summary>
/// Exports a <see cref="ReferenceNetwork"/> as an ONNX model (opset 13): Flatten, Gemm (transB = 1), Conv, Relu and
/// AveragePool nodes, weights as float initializers in little-endian raw_data. Input "input" [N, C, H, W],
/// output "logits" [N, classes].
/// </summary>
public static class OnnxExport
{
    public const long OpsetVersion = 13;
    public const string InputName = "input";
    public const string OutputName = "logits";

    public static OnnxModel ToOnnx(ReferenceNetwork network, string producerVersion = "1")
    {
        ArgumentNullException.ThrowIfNull(network);
        var model = new OnnxModel { IrVersion = 8, ProducerName = "NeuroChip.Pipeline", ProducerVersion = producerVersion };
        model.OperatorSets.Add(new OnnxOperatorSet("", OpsetVersion));
        OnnxGraph graph = model.Graph;
        graph.Name = "reference";
        NetworkSpec spec = network.Spec;
        graph.Inputs.Add(OnnxValueInfo.Tensor(InputName, OnnxDataType.FloatingPoint32,
            OnnxDimension.Symbolic("N"), OnnxDimension.Fixed(spec.Input.Channels), OnnxDimension.Fixed(spec.Input.Height), OnnxDimension.Fixed(spec.Input.Width)));
        graph.Outputs.Add(OnnxValueInfo.Tensor(OutputName, OnnxDataType.FloatingPoint32, OnnxDimension.Symbolic("N"), OnnxDimension.Fixed(spec.OutputCount)));

        string current = InputName;
        for (int i = 0; i < network.Layers.Count; i++)
        {
            string output = i == network.Layers.Count - 1 ? OutputName : $"t{i}";
            ReadOnlySpan<float> parameters = network.LayerParameters(i);
            switch (network.Layers[i])
            {
                case DenseLayer d:
                {
                    string name = $"gemm{i}";
                    int weights = d.OutputCount * d.InputCount;
                    var inputs = new List<string> { current, name + ".weight" };
                    graph.Initializers.Add(OnnxTensor.FromFloats(name + ".weight", [d.OutputCount, d.InputCount], parameters[..weights]));
                    if (d.HasBias)
                    {
                        inputs.Add(name + ".bias");
                        graph.Initializers.Add(OnnxTensor.FromFloats(name + ".bias", [d.OutputCount], parameters[weights..]));
                    }

                    graph.Nodes.Add(OnnxNode.Create(name, "Gemm", inputs, [output], OnnxAttributeProto.FromInt("transB", 1)));
                    break;
                }

                case Conv2dLayer c:
                {
                    string name = $"conv{i}";
                    int k = c.KernelSize, p = c.Padding;
                    int weights = c.Output.Channels * c.Input.Channels * k * k;
                    var inputs = new List<string> { current, name + ".weight" };
                    graph.Initializers.Add(OnnxTensor.FromFloats(name + ".weight", [c.Output.Channels, c.Input.Channels, k, k], parameters[..weights]));
                    if (c.HasBias)
                    {
                        inputs.Add(name + ".bias");
                        graph.Initializers.Add(OnnxTensor.FromFloats(name + ".bias", [c.Output.Channels], parameters[weights..]));
                    }

                    graph.Nodes.Add(OnnxNode.Create(name, "Conv", inputs, [output],
                        OnnxAttributeProto.FromInts("kernel_shape", k, k),
                        OnnxAttributeProto.FromInts("pads", p, p, p, p),
                        OnnxAttributeProto.FromInts("strides", 1, 1)));
                    break;
                }

                case ReluLayer:
                    graph.Nodes.Add(OnnxNode.Create($"relu{i}", "Relu", [current], [output]));
                    break;
                case AveragePoolLayer a:
                    graph.Nodes.Add(OnnxNode.Create($"pool{i}", "AveragePool", [current], [output],
                        OnnxAttributeProto.FromInts("kernel_shape", a.KernelSize, a.KernelSize),
                        OnnxAttributeProto.FromInts("strides", a.KernelSize, a.KernelSize)));
                    break;
                case FlattenLayer:
                    graph.Nodes.Add(OnnxNode.Create($"flatten{i}", "Flatten", [current], [output], OnnxAttributeProto.FromInt("axis", 1)));
                    break;
                default:
                    throw new InvalidOperationException($"Layer {i} ({network.Layers[i].GetType().Name}) has no ONNX export.");
            }

            current = output;
        }

        return model;
    }

    /// <summary>Writes the model atomically to <paramref name="path"/>.</summary>
    public static void Write(ReferenceNetwork network, string path) => OnnxModelFile.Write(path, ToOnnx(network));
}
