using NeuroChip.Data;

namespace NeuroChip.Fuzz.Targets;

/// <summary>IDX bytes (plain or gzip) through <see cref="IdxReader.Parse"/>.</summary>
internal sealed class IdxTarget : FuzzTarget
{
    public override string Name => "idx";

    public override string Description => "IDX arrays, plain or gzip -> IdxReader.Parse (tools/NeuroChip.Data)";

    public override void Parse(byte[] input) => IdxReader.Parse(input, "fuzz.idx");

    public override IEnumerable<(string Name, byte[] Bytes)> GeneratedSeeds()
    {
        var arrays = new (string Name, IdxArray Array)[]
        {
            ("u8-2x3", new IdxArray(IdxElementType.UnsignedByte, [2, 3], [1, 2, 3, 4, 5, 6])),
            ("labels-u8-4", new IdxArray(IdxElementType.UnsignedByte, [4], [0, 9, 3, 7])),
            ("i8-3", new IdxArray(IdxElementType.SignedByte, [3], [0xFF, 0, 1])),
            ("i16-2", new IdxArray(IdxElementType.Signed16Bit, [2], [0, 1, 0x80, 0])),
            ("i32-1x1", new IdxArray(IdxElementType.Signed32Bit, [1, 1], [0, 0, 1, 0])),
            ("f32-2", new IdxArray(IdxElementType.Ieee32Bit, [2], [0x3F, 0x80, 0, 0, 0xBF, 0x80, 0, 0])),
            ("f64-1", new IdxArray(IdxElementType.Ieee64Bit, [1], [0x3F, 0xF0, 0, 0, 0, 0, 0, 0])),
            ("u8-1x2x2x2", new IdxArray(IdxElementType.UnsignedByte, [1, 2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8])),
        };
        foreach (var (name, array) in arrays)
        {
            yield return (name, IdxWriter.ToBytes(array));
            yield return (name + ".gz", IdxWriter.ToBytes(array, gzip: true));
        }
    }
}
