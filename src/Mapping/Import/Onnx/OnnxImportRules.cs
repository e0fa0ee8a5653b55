namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>What the ONNX importer accepts, and what it suggests for operators it refuses.</summary>
public static class OnnxImportRules
{
    public const long MinOpset = 11;
    public const long MaxOpset = 17;

    public static readonly IReadOnlyList<string> SupportedOperators =
    [
        "Gemm", "MatMul", "Add", "Conv", "Relu", "AveragePool", "GlobalAveragePool", "Flatten", "Reshape",
        "BatchNormalization", "Dropout", "Identity", "Constant", "Softmax",
    ];

    /// <summary>The replacement to suggest for an unsupported operator.</summary>
    public static string SuggestionFor(string opType) => opType switch
    {
        "MaxPool" => "replace MaxPool with AveragePool (spiking networks average rates; max pooling has no exact IF form) and retrain",
        "GlobalMaxPool" => "replace GlobalMaxPool with GlobalAveragePool and retrain",
        "Sigmoid" or "Tanh" or "LeakyRelu" or "PRelu" or "Elu" or "Selu" or "Gelu" or "HardSigmoid" or "HardSwish" or "Softplus" or "Mish" or "Clip" =>
            $"replace {opType} with Relu (ReLU rates map to integrate-and-fire neurons) and retrain",
        "Concat" or "Mul" or "Sub" or "Div" =>
            "NeuroChip imports feed-forward chains only; remove the branch or fold the arithmetic into the weights before export",
        "LogSoftmax" => "drop the final LogSoftmax before export (the readout takes the argmax of the logits)",
        _ => $"use only the supported operators ({string.Join(", ", SupportedOperators)})",
    };
}
