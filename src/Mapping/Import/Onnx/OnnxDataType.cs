namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>Element types of ONNX tensors (TensorProto.DataType in the ONNX specification; the numbers are the spec's).</summary>
public enum OnnxDataType
{
    Undefined = 0,
    FloatingPoint32 = 1,
    UnsignedInteger8 = 2,
    SignedInteger8 = 3,
    UnsignedInteger16 = 4,
    SignedInteger16 = 5,
    SignedInteger32 = 6,
    SignedInteger64 = 7,
    Text = 8,
    Logical = 9,
    FloatingPoint16 = 10,
    FloatingPoint64 = 11,
    UnsignedInteger32 = 12,
    UnsignedInteger64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BrainFloatingPoint16 = 16,
}
