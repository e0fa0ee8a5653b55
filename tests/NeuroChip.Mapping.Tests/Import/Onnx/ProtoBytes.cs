namespace NeuroChip.Mapping.Tests.Import.Onnx;

/// <summary>
/// A tiny protobuf encoder for tests, written from the wire format (tag = field &lt;&lt; 3 | wire type; varints
/// little-endian base-128), independent of the code under test. Lengths below 128 only.
/// </summary>
internal static class ProtoBytes
{
    public static byte[] Varint(int field, long value) => [Tag(field, 0), .. EncodeVarint((ulong)value)];

    public static byte[] Fixed32(int field, float value) => [Tag(field, 5), .. BitConverter.GetBytes(value)];

    public static byte[] Bytes(int field, params byte[] content)
    {
        if (content.Length >= 128)
        {
            throw new ArgumentException("Test encoder handles lengths below 128 only.", nameof(content));
        }

        return [Tag(field, 2), (byte)content.Length, .. content];
    }

    public static byte[] Text(int field, string value) => Bytes(field, System.Text.Encoding.UTF8.GetBytes(value));

    public static byte[] Message(int field, params byte[][] parts) => Bytes(field, [.. parts.SelectMany(p => p)]);

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static byte Tag(int field, int wireType) =>
        field < 16 ? (byte)((field << 3) | wireType) : throw new ArgumentException("Use a multi-byte tag for fields ≥ 16.", nameof(field));

    public static byte[] EncodeVarint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }
}
