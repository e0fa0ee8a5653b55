namespace NeuroChip.Data;

/// <summary>Element type codes of the IDX format (third byte of the magic number).</summary>
public enum IdxElementType : byte
{
    UnsignedByte = 0x08,
    SignedByte = 0x09,
    Signed16Bit = 0x0B,
    Signed32Bit = 0x0C,
    Ieee32Bit = 0x0D,
    Ieee64Bit = 0x0E,
}

internal static class IdxElementTypes
{
    public static bool IsDefined(byte code) =>
        code is 0x08 or 0x09 or 0x0B or 0x0C or 0x0D or 0x0E;

    /// <summary>Bytes per element: 1, 1, 2, 4, 4, 8.</summary>
    public static int SizeBytes(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte or IdxElementType.SignedByte => 1,
        IdxElementType.Signed16Bit => 2,
        IdxElementType.Signed32Bit or IdxElementType.Ieee32Bit => 4,
        IdxElementType.Ieee64Bit => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an IDX element type."),
    };
}
