using Google.Protobuf;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Serialization;

namespace NeuroChip.Mapping.Import.Onnx;

/// <summary>Reads and writes .onnx files (a serialised ModelProto).</summary>
public static class OnnxModelFile
{
    public static OnnxModel Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException e)
        {
            throw new UserInputException($"ONNX model '{path}' does not exist. Check the path.", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UserInputException($"ONNX model '{path}' does not exist. Check the path.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserInputException($"ONNX model '{path}' cannot be read: permission denied.", e);
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses a serialised ModelProto; <paramref name="source"/> names it in error messages.</summary>
    public static OnnxModel Parse(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            throw new UserInputException($"{source}: the file is empty, not an ONNX model.");
        }

        try
        {
            return OnnxModel.Read(new CodedInputStream(bytes), source);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new UserInputException($"{source}: not a valid ONNX model: malformed protobuf data ({e.Message}). Check that the file is a complete .onnx export.", e);
        }
    }

    /// <summary>Parses a serialised TensorProto (the .pb files that hold ONNX test inputs and outputs).</summary>
    public static OnnxTensor ParseTensor(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            return OnnxTensor.Read(new CodedInputStream(bytes), source);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new UserInputException($"{source}: not a valid ONNX tensor: malformed protobuf data ({e.Message}).", e);
        }
    }

    public static byte[] ToBytes(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ProtoWire.Serialize(model.WriteTo);
    }

    /// <summary>Writes atomically: a failure leaves no partial file.</summary>
    public static void Write(string path, OnnxModel model)
    {
        byte[] bytes = ToBytes(model);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }
}
