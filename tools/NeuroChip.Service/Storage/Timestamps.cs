using System.Globalization;

namespace NeuroChip.Service.Storage;

/// <summary>Timestamps as round-trip ISO 8601 text in UTC, which sorts as text.</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
