using System.Collections;
using System.Reflection;

namespace NeuroChip.Tests.Shared;

/// <summary>
/// Compares two object graphs field by field: every public readable property and public field of records and
/// classes, element by element for sequences (in order, whatever the collection type: an array read back as a list is equal), key by key for dictionaries, and exactly for leaves
/// (numbers compared bit for bit, so NaN equals NaN and 0 differs from −0). Fails with the path of the first field
/// that differs, e.g. <c>$.Cores[1].Axons[3].Weights[0]: expected 5, got 6</c>, so a round trip that loses or
/// changes a field says which one instead of "the JSON strings differ".
/// </summary>
internal static class FieldComparer
{
    private const int MaxDepth = 64;

    /// <summary>Fails the test with a message naming the first differing field.</summary>
    public static void AssertEqual<T>(T expected, T actual)
    {
        string? difference = FirstDifference(expected, actual);
        if (difference is not null)
        {
            throw new Xunit.Sdk.XunitException(difference);
        }
    }

    /// <summary>The path and values of the first differing field, or null when every field is equal.</summary>
    public static string? FirstDifference(object? expected, object? actual) => Compare(expected, actual, "$", 0);

    private static string? Compare(object? expected, object? actual, string path, int depth)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"{path}: object graph deeper than {MaxDepth} (a cycle?).");
        }

        Type type = expected.GetType();
        bool bothSequences = expected is IEnumerable && actual is IEnumerable && expected is not string && actual is not string
            && expected is not IDictionary && actual is not IDictionary;
        if (type != actual.GetType() && !bothSequences)
        {
            return $"{path}: expected type {type.Name}, got {actual.GetType().Name}";
        }

        if (IsLeaf(type))
        {
            return LeafEquals(expected, actual) ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        if (expected is IDictionary expectedMap)
        {
            var actualMap = (IDictionary)actual;
            if (expectedMap.Count != actualMap.Count)
            {
                return $"{path}: expected {expectedMap.Count} entries, got {actualMap.Count}";
            }

            foreach (DictionaryEntry entry in expectedMap)
            {
                if (!actualMap.Contains(entry.Key))
                {
                    return $"{path}[{entry.Key}]: missing";
                }

                string? d = Compare(entry.Value, actualMap[entry.Key], $"{path}[{entry.Key}]", depth + 1);
                if (d is not null)
                {
                    return d;
                }
            }

            return null;
        }

        if (expected is IEnumerable expectedItems)
        {
            object?[] e = expectedItems.Cast<object?>().ToArray();
            object?[] a = ((IEnumerable)actual).Cast<object?>().ToArray();
            if (e.Length != a.Length)
            {
                return $"{path}: expected {e.Length} elements, got {a.Length}";
            }

            for (int i = 0; i < e.Length; i++)
            {
                string? d = Compare(e[i], a[i], $"{path}[{i}]", depth + 1);
                if (d is not null)
                {
                    return d;
                }
            }

            return null;
        }

        foreach (PropertyInfo p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!p.CanRead || p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract")
            {
                continue;
            }

            string? d = Compare(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}", depth + 1);
            if (d is not null)
            {
                return d;
            }
        }

        foreach (FieldInfo f in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            string? d = Compare(f.GetValue(expected), f.GetValue(actual), $"{path}.{f.Name}", depth + 1);
            if (d is not null)
            {
                return d;
            }
        }

        return null;
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid);

    private static bool LeafEquals(object expected, object actual) => (expected, actual) switch
    {
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y),
        _ => expected.Equals(actual),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };
}
