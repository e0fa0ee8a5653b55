using System.Text;

namespace NeuroChip.Fuzz.Targets;

internal static class JsonText
{
    /// <summary>Decodes like <c>File.ReadAllText</c>: UTF-8 (BOM skipped), invalid sequences replaced.</summary>
    public static string Decode(byte[] input) => new StreamReader(new MemoryStream(input), Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd();
}
