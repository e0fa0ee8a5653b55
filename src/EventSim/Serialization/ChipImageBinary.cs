using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Serialization;

/// <summary>
/// The compact form of a <see cref="ChipImage"/>: a magic number, the schema version, the payload
/// (the chip spec as JSON, then every core's arrays little-endian), and a SHA-256 of the payload.
/// A truncated or corrupted file fails with a clear message, never with garbage.
/// </summary>
public static class ChipImageBinary
{
    private static readonly byte[] Magic = "NCIMAGE\0"u8.ToArray();

    public static void Write(Stream output, ChipImage image)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            WritePayload(w, image);
        }

        output.Write(Magic);
        output.Write(BitConverter.GetBytes(ChipImage.CurrentSchemaVersion));
        output.Write(BitConverter.GetBytes(payload.Length));
        payload.Position = 0;
        payload.CopyTo(output);
        output.Write(SHA256.HashData(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
    }

    public static byte[] ToBytes(ChipImage image)
    {
        using var stream = new MemoryStream();
        Write(stream, image);
        return stream.ToArray();
    }

    public static ChipImage Read(ReadOnlySpan<byte> bytes, string source)
    {
        string what = $"Chip image '{source}'";
        if (bytes.Length < Magic.Length + 12 + 32 || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw new UserInputException($"{what}: not a NeuroChip binary image (bad magic number). Binary images start with 'NCIMAGE'.");
        }

        int version = BitConverter.ToInt32(bytes[Magic.Length..]);
        if (!ChipImage.IsReadable(version))
        {
            throw new UserInputException($"{what}: schema version {version} is not supported; this NeuroChip reads versions {ChipImage.OldestReadableSchemaVersion}–{ChipImage.CurrentSchemaVersion}.");
        }

        long length = BitConverter.ToInt64(bytes[(Magic.Length + 4)..]);
        int start = Magic.Length + 12;
        if (length < 0 || start + length + 32 != bytes.Length)
        {
            throw new UserInputException($"{what}: the file is truncated or has trailing bytes (payload says {length} bytes, file holds {bytes.Length - start - 32}).");
        }

        ReadOnlySpan<byte> payload = bytes.Slice(start, (int)length);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes[(start + (int)length)..]))
        {
            throw new UserInputException($"{what}: checksum mismatch; the file is corrupted. Re-emit it with 'neurochip map'.");
        }

        try
        {
            var reader = new SpanReader(payload);
            return ReadPayload(ref reader, version, what);
        }
        catch (EndOfStreamException e)
        {
            throw new UserInputException($"{what}: the payload ends early; the file is malformed.", e);
        }
    }

    private static void WritePayload(BinaryWriter w, ChipImage image)
    {
        w.Write(JsonSerializerString(image.Chip));
        w.Write(image.Cores.Count);
        foreach (CoreConfig core in image.Cores)
        {
            w.Write(core.CoreId);
            w.Write(core.Label);
            w.Write(core.Profiles.Count);
            foreach (NeuronProfile p in core.Profiles)
            {
                w.Write(p.DecayU);
                w.Write(p.DecayV);
                w.Write(p.ThresholdMantissa);
                w.Write((int)p.Reset);
                w.Write(p.ResetValue);
                w.Write(p.RefractoryTicks);
                w.Write(p.SpikePayload);
            }

            NeuronTable n = core.Neurons;
            WriteArray(w, n.Profile);
            WriteArray(w, n.BiasMantissa);
            WriteArray(w, n.BiasExponent);
            WriteArray(w, n.InitialV);
            WriteArray(w, n.InitialU);
            w.Write(core.Axons.Count);
            foreach (SynapseRow row in core.Axons)
            {
                w.Write((byte)row.Encoding);
                w.Write(row.WeightBits);
                w.Write(row.WeightExponent);
                WriteArray(w, row.Weights);
                switch (row)
                {
                    case SparseRow s:
                        WriteArray(w, s.Targets);
                        WriteArray(w, s.Delays);
                        break;
                    case DenseRow d:
                        w.Write(d.FirstTarget);
                        w.Write(d.Delay);
                        break;
                }
            }

            WriteRoutes(w, core.Routes);
        }

        w.Write(image.SpikeInputs.Count);
        foreach (SpikePort port in image.SpikeInputs)
        {
            w.Write(port.Name);
            WriteRoutes(w, port.Channels);
        }

        WriteNeuronPorts(w, image.CurrentInputs);
        WriteNeuronPorts(w, image.Readouts);
    }

    private static ChipImage ReadPayload(ref SpanReader r, int version, string what)
    {
        ChipSpec chip = ChipSpecLoader.Parse(r.ReadString(), what + " (embedded chip spec)");
        int coreCount = r.ReadCount();
        var cores = new List<CoreConfig>(coreCount);
        for (int c = 0; c < coreCount; c++)
        {
            int id = r.ReadInt32();
            string label = r.ReadString();
            int profileCount = r.ReadCount();
            var profiles = new List<NeuronProfile>(profileCount);
            for (int p = 0; p < profileCount; p++)
            {
                profiles.Add(new NeuronProfile
                {
                    DecayU = r.ReadInt32(),
                    DecayV = r.ReadInt32(),
                    ThresholdMantissa = r.ReadInt32(),
                    Reset = ReadEnum<ResetMode>(ref r, what),
                    ResetValue = r.ReadInt32(),
                    RefractoryTicks = r.ReadInt32(),
                    SpikePayload = version >= 2 ? r.ReadInt32() : 1,
                });
            }

            var neurons = new NeuronTable
            {
                Profile = r.ReadArray<int>(),
                BiasMantissa = r.ReadArray<int>(),
                BiasExponent = r.ReadArray<int>(),
                InitialV = r.ReadArray<int>(),
                InitialU = r.ReadArray<int>(),
            };
            int axonCount = r.ReadCount();
            var axons = new List<SynapseRow>(axonCount);
            for (int a = 0; a < axonCount; a++)
            {
                byte encoding = r.ReadByte();
                int bits = r.ReadInt32();
                int exponent = r.ReadInt32();
                short[] weights = r.ReadArray<short>();
                axons.Add(encoding switch
                {
                    (byte)RowEncoding.Sparse => new SparseRow { WeightBits = bits, WeightExponent = exponent, Weights = weights, Targets = r.ReadArray<int>(), Delays = r.ReadArray<int>() },
                    (byte)RowEncoding.Dense => new DenseRow { WeightBits = bits, WeightExponent = exponent, Weights = weights, FirstTarget = r.ReadInt32(), Delay = r.ReadInt32() },
                    _ => throw new UserInputException($"{what}: core {id} axon {a} has unknown row encoding {encoding}."),
                });
            }

            cores.Add(new CoreConfig { CoreId = id, Label = label, Profiles = profiles, Neurons = neurons, Axons = axons, Routes = ReadRoutes(ref r) });
        }

        int spikePortCount = r.ReadCount();
        var spikePorts = new List<SpikePort>(spikePortCount);
        for (int i = 0; i < spikePortCount; i++)
        {
            spikePorts.Add(new SpikePort { Name = r.ReadString(), Channels = ReadRoutes(ref r) });
        }

        var currents = ReadNeuronPorts(ref r);
        var readouts = ReadNeuronPorts(ref r);
        if (!r.AtEnd)
        {
            throw new UserInputException($"{what}: unexpected bytes after the last port; the file is malformed.");
        }

        return new ChipImage { SchemaVersion = ChipImage.CurrentSchemaVersion, Chip = chip, Cores = cores, SpikeInputs = spikePorts, CurrentInputs = currents, Readouts = readouts };
    }

    private static T ReadEnum<T>(ref SpanReader r, string what)
        where T : struct, Enum
    {
        int value = r.ReadInt32();
        if (!Enum.IsDefined(typeof(T), value))
        {
            throw new UserInputException($"{what}: {typeof(T).Name} value {value} is not defined.");
        }

        return (T)(object)value;
    }

    private static string JsonSerializerString(ChipSpec spec) => System.Text.Json.JsonSerializer.Serialize(spec, Json.Compact);

    private static void WriteArray<T>(BinaryWriter w, T[] values)
        where T : unmanaged
    {
        w.Write(values.Length);
        w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static void WriteRoutes(BinaryWriter w, RouteTable t)
    {
        WriteArray(w, t.Offsets);
        WriteArray(w, t.DestinationCores);
        WriteArray(w, t.DestinationAxons);
    }

    private static RouteTable ReadRoutes(ref SpanReader r) => new()
    {
        Offsets = r.ReadArray<int>(),
        DestinationCores = r.ReadArray<int>(),
        DestinationAxons = r.ReadArray<int>(),
    };

    private static void WriteNeuronPorts(BinaryWriter w, IReadOnlyList<NeuronPort> ports)
    {
        w.Write(ports.Count);
        foreach (NeuronPort port in ports)
        {
            w.Write(port.Name);
            WriteArray(w, port.Cores);
            WriteArray(w, port.Neurons);
        }
    }

    private static List<NeuronPort> ReadNeuronPorts(ref SpanReader r)
    {
        int count = r.ReadCount();
        var ports = new List<NeuronPort>(count);
        for (int i = 0; i < count; i++)
        {
            ports.Add(new NeuronPort { Name = r.ReadString(), Cores = r.ReadArray<int>(), Neurons = r.ReadArray<int>() });
        }

        return ports;
    }

    /// <summary>Bounds-checked little-endian reader over the payload.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> data = data;
        private int position;

        public readonly bool AtEnd => position == data.Length;

        public byte ReadByte() => Take(1)[0];

        public int ReadInt32()
        {
            int value = BitConverter.ToInt32(Take(4));
            return value;
        }

        public int ReadCount()
        {
            int count = ReadInt32();
            if (count < 0 || count > data.Length - position)
            {
                throw new UserInputException($"Chip image: a count of {count} at byte {position} is impossible; the file is malformed.");
            }

            return count;
        }

        public T[] ReadArray<T>()
            where T : unmanaged
        {
            int count = ReadInt32();
            int size = Marshal.SizeOf<T>();
            if (count < 0 || (long)count * size > data.Length - position)
            {
                throw new UserInputException($"Chip image: an array of {count} elements at byte {position} runs past the end; the file is malformed.");
            }

            return MemoryMarshal.Cast<byte, T>(Take(count * size)).ToArray();
        }

        public string ReadString()
        {
            // BinaryWriter's 7-bit encoded length prefix.
            int length = 0;
            int shift = 0;
            byte b;
            do
            {
                if (shift > 28)
                {
                    throw new UserInputException("Chip image: a string length is malformed.");
                }

                b = ReadByte();
                length |= (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            if (length < 0 || length > data.Length - position)
            {
                throw new UserInputException($"Chip image: a string of {length} bytes at byte {position} runs past the end; the file is malformed.");
            }

            return Encoding.UTF8.GetString(Take(length));
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > data.Length - position)
            {
                throw new EndOfStreamException();
            }

            ReadOnlySpan<byte> slice = data.Slice(position, count);
            position += count;
            return slice;
        }
    }
}
