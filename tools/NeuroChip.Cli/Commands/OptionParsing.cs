using NeuroChip.EventSim;
using NeuroChip.OnChipLearning.Rules;

namespace NeuroChip.Cli.Commands;

/// <summary>Option values the verbs share: enums by name, positive counts, comma-separated integers, the credit signal.</summary>
internal static class OptionParsing
{
    /// <summary>A case-insensitive enum name; the error lists the accepted names in lower case.</summary>
    public static T Enum<T>(string option, string text)
        where T : struct, System.Enum =>
        System.Enum.TryParse(text, ignoreCase: true, out T value) && System.Enum.IsDefined(value)
            ? value
            : throw new UserInputException($"{option} '{text}': expected one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");

    public static int Positive(string option, int value) =>
        value >= 1 ? value : throw new UserInputException($"{option} {value}: must be at least 1.");

    /// <summary>Non-negative integers separated by commas, at least one.</summary>
    public static List<int> Integers(string option, string text)
    {
        var values = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            values.Add(int.TryParse(part, out int v) && v >= 0 ? v : throw new UserInputException($"{option} '{text}': give non-negative integers separated by commas."));
        }

        return values.Count > 0 ? values : throw new UserInputException($"{option} '{text}': give at least one value.");
    }

    /// <summary><c>--credit</c>: a <see cref="CreditAssignment"/> name, or <c>zo</c> / <c>zeroth-order</c> for the zeroth-order one.</summary>
    public static CreditAssignment Credit(string text) => text.ToLowerInvariant() switch
    {
        "zo" or "zeroth-order" or "zerothorder" => CreditAssignment.ZerothOrder,
        _ => Enum<CreditAssignment>("--credit", text),
    };
}
