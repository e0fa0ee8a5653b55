using CsCheck;
namespace NeuroChip.Data.Tests;

public sealed class IdxReaderTests
{
    private static readonly Gen<IdxArray> GenArray =
        from type in Gen.OneOf(
            IdxElementType.UnsignedByte, IdxElementType.SignedByte, IdxElementType.Signed16Bit,
            IdxElementType.Signed32Bit, IdxElementType.Ieee32Bit, IdxElementType.Ieee64Bit)
        from dims in Gen.Int[0, 6].Array[1, 4]
        let count = dims.Aggregate(1, (a, d) => a * d)
        from data in Gen.Byte.Array[count * ElementSize(type)]
        select new IdxArray(type, dims, data);

    private static int ElementSize(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte or IdxElementType.SignedByte => 1,
        IdxElementType.Signed16Bit => 2,
        IdxElementType.Ieee64Bit => 8,
        _ => 4,
    };

    [Fact]
    public void Parse_WrittenRandomArray_EqualsOriginal()
    {
        GenArray.Select(Gen.Bool).Sample((array, gzip) =>
        {
            byte[] bytes = IdxWriter.ToBytes(array, gzip);
            IdxArray parsed = IdxReader.Parse(bytes, "random");

            Assert.Equal(array.ElementType, parsed.ElementType);
            Assert.Equal(array.Dimensions, parsed.Dimensions);
            Assert.Equal(array.Data, parsed.Data);
        });
    }

    [Fact]
    public void Parse_HandBuiltUnsignedBytes_GivesValues()
    {
        // magic 00 00 08 (ubyte) 01 (rank 1), size 3, then 7 8 9.
        byte[] bytes = [0, 0, 0x08, 1, 0, 0, 0, 3, 7, 8, 9];

        IdxArray a = IdxReader.Parse(bytes, "hand");

        Assert.Equal(new[] { 3 }, a.Dimensions);
        Assert.Equal(7.0, a[0]);
        Assert.Equal(9.0, a[2]);
    }

    [Fact]
    public void Parse_HandBuiltSigned16BitMatrix_DecodesBigEndian()
    {
        // rank 2, [1, 2]; FF FE = -2, 01 00 = 256 (big-endian).
        byte[] bytes = [0, 0, 0x0B, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0xFF, 0xFE, 0x01, 0x00];

        IdxArray a = IdxReader.Parse(bytes, "hand");

        Assert.Equal(new[] { 1, 2 }, a.Dimensions);
        Assert.Equal(-2.0, a[0]);
        Assert.Equal(256.0, a[1]);
    }

    [Fact]
    public void Parse_HandBuiltFloat_DecodesIeee()
    {
        // 3F C0 00 00 is 1.5f in IEEE 754 single precision (sign 0, exponent 127, mantissa .1b).
        byte[] bytes = [0, 0, 0x0D, 1, 0, 0, 0, 1, 0x3F, 0xC0, 0, 0];

        Assert.Equal(1.5, IdxReader.Parse(bytes, "hand")[0]);
    }

    [Fact]
    public void Parse_BadMagic_ThrowsNamingMagic()
    {
        byte[] bytes = [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0];

        var e = Assert.Throws<UserInputException>(() => IdxReader.Parse(bytes, "file.idx"));

        Assert.Contains("bad IDX magic number 0x504B0304", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("file.idx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownElementType_Throws()
    {
        byte[] bytes = [0, 0, 0x07, 1, 0, 0, 0, 0];

        var e = Assert.Throws<UserInputException>(() => IdxReader.Parse(bytes, "f"));

        Assert.Contains("element type code 0x07", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0 })]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 0, 0, 5 })]
    public void Parse_TruncatedHeader_Throws(byte[] bytes)
    {
        var e = Assert.Throws<UserInputException>(() => IdxReader.Parse(bytes, "f"));

        Assert.Contains("truncated IDX header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TruncatedData_ThrowsWithByteCounts()
    {
        // [2, 3] unsigned bytes need 6 data bytes; 4 present.
        byte[] bytes = [0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4];

        var e = Assert.Throws<UserInputException>(() => IdxReader.Parse(bytes, "f"));

        Assert.Contains("need 6 bytes, only 4 present", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TrailingBytes_Throws()
    {
        byte[] bytes = [0, 0, 8, 1, 0, 0, 0, 1, 5, 6];

        var e = Assert.Throws<UserInputException>(() => IdxReader.Parse(bytes, "f"));

        Assert.Contains("1 unexpected bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TruncatedRandomFile_AlwaysUserInputException()
    {
        GenArray.Where(a => a.Data.Length > 0).Select(Gen.Int[1, 1000]).Sample((array, cut) =>
        {
            byte[] bytes = IdxWriter.ToBytes(array);
            byte[] truncated = bytes[..Math.Max(0, bytes.Length - 1 - (cut % bytes.Length))];

            Assert.Throws<UserInputException>(() => IdxReader.Parse(truncated, "cut"));
        });
    }

    [Fact]
    public void Parse_CorruptGzip_Throws()
    {
        byte[] gz = IdxWriter.ToBytes(new IdxArray(IdxElementType.UnsignedByte, [4], [1, 2, 3, 4]), gzip: true);
        byte[] corrupt = gz[..(gz.Length / 2)];

        var e = Assert.Throws<UserInputException>(() => IdxReader.Parse(corrupt, "f.gz"));

        Assert.Contains("f.gz", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_Missing_Throws()
    {
        var e = Assert.Throws<UserInputException>(() => IdxReader.ReadFile("/nonexistent/x.idx"));

        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }
}
