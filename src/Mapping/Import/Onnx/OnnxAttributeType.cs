namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>
/// Kinds of node attribute values (AttributeProto.AttributeType in the ONNX specification; the numbers are the
/// spec's: FLOAT = 1, INT = 2, STRING = 3, TENSOR = 4, GRAPH = 5, FLOATS = 6, INTS = 7, STRINGS = 8, ...).
/// </summary>
public enum OnnxAttributeType
{
    Undefined = 0,
    RealNumber = 1,
    WholeNumber = 2,
    Text = 3,
    Tensor = 4,
    Graph = 5,
    RealNumbers = 6,
    WholeNumbers = 7,
    Texts = 8,
    Tensors = 9,
    Graphs = 10,
    SparseTensor = 11,
    SparseTensors = 12,
    TypeProto = 13,
    TypeProtos = 14,
}
