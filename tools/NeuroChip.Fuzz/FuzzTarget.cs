using NeuroChip.EventSim;

namespace NeuroChip.Fuzz;

/// <summary>
/// One parser under the fuzzer: <see cref="Parse"/> feeds it the bytes exactly as its file entry point would;
/// the parser's documented user-input exception is the expected failure, anything else is a crash.
/// </summary>
internal abstract class FuzzTarget
{
    /// <summary>The name on the command line (<c>neurochip-fuzz &lt;name&gt;</c>).</summary>
    public abstract string Name { get; }

    /// <summary>What is parsed, for the listing.</summary>
    public abstract string Description { get; }

    /// <summary>Parses <paramref name="input"/>; the result is discarded.</summary>
    public abstract void Parse(byte[] input);

    /// <summary>The failures the parser documents for bad input; every parser here documents <see cref="UserInputException"/>.</summary>
    public virtual bool IsExpected(Exception exception) => exception is UserInputException;

    /// <summary>Seed inputs built with the library's own writers (in addition to the repository files fuzz.sh copies).</summary>
    public virtual IEnumerable<(string Name, byte[] Bytes)> GeneratedSeeds() => [];
}
