using System.Security.Cryptography;
using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Serialization;

namespace NeuroChip.Fuzz.Targets;

/// <summary>
/// Binary chip images as <see cref="ChipImageFile.Read"/> reads them: <see cref="ChipImageBinary.Read"/>, then validate.
/// An input that does not start with the magic number is taken as a payload and wrapped in a correct envelope
/// (magic, version, length, SHA-256), so mutations reach the payload reader instead of all failing the checksum.
/// </summary>
internal sealed class ChipImageBinaryTarget : FuzzTarget
{
    private static readonly byte[] Magic = "NCIMAGE\0"u8.ToArray();

    public override string Name => "chipimage-binary";

    public override string Description => "ChipImage binary (payload wrapped with a valid checksum) -> ChipImageBinary.Read + ChipImageValidator";

    public override void Parse(byte[] input)
    {
        byte[] file = input.AsSpan().StartsWith(Magic) ? input : Envelope(input);
        ChipImage image = ChipImageBinary.Read(file, "fuzz.ncimg");
        ChipImageValidator.ThrowIfInvalid(image, "fuzz.ncimg");
    }

    /// <summary>Magic, schema version, payload length, payload, SHA-256 of the payload.</summary>
    public static byte[] Envelope(ReadOnlySpan<byte> payload)
    {
        var file = new byte[Magic.Length + 12 + payload.Length + 32];
        Magic.CopyTo(file, 0);
        BitConverter.TryWriteBytes(file.AsSpan(Magic.Length), ChipImage.CurrentSchemaVersion);
        BitConverter.TryWriteBytes(file.AsSpan(Magic.Length + 4), (long)payload.Length);
        payload.CopyTo(file.AsSpan(Magic.Length + 12));
        SHA256.HashData(payload, file.AsSpan(Magic.Length + 12 + payload.Length));
        return file;
    }

    /// <summary>Seeds are bare payloads (the envelope stripped), the form mutations work on.</summary>
    public override IEnumerable<(string Name, byte[] Bytes)> GeneratedSeeds() =>
        SampleImages.All().Select(s =>
        {
            byte[] file = ChipImageBinary.ToBytes(s.Image);
            return (s.Name, file[(Magic.Length + 12)..^32]);
        });
}
