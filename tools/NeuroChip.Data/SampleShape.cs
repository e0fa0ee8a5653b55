using NeuroChip.EventSim;

namespace NeuroChip.Data;

/// <summary>The shape of one sample as channels × height × width (row-major, channel first).</summary>
public readonly record struct SampleShape(int Channels, int Height, int Width)
{
    /// <summary>Number of values in one sample: C·H·W.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>Throws a <see cref="UserInputException"/> naming <paramref name="what"/> if any extent is not positive.</summary>
    public void Validate(string what)
    {
        if (Channels <= 0 || Height <= 0 || Width <= 0)
        {
            throw new UserInputException($"{what}: sample shape ({Channels}, {Height}, {Width}) must have positive channels, height and width.");
        }
    }

    public override string ToString() => $"({Channels}, {Height}, {Width})";
}
