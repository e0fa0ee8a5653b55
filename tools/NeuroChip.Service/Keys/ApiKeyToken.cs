using System.Security.Cryptography;
using System.Text;

namespace NeuroChip.Service.Keys;

/// <summary>
/// The key format <c>nck_&lt;id&gt;_&lt;secret&gt;</c>: the id finds the stored row without scanning,
/// the 256-bit secret is checked against SHA-256(salt ‖ secret) in constant time.
/// </summary>
internal static class ApiKeyToken
{
    public const string Prefix = "nck_";

    private const int IdBytes = 6;
    private const int SecretBytes = 32;
    private const int SaltBytes = 16;

    public static (string Id, string Secret, string Token) NewKey()
    {
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        string secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        return (id, secret, $"{Prefix}{id}_{secret}");
    }

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    public static byte[] Hash(byte[] salt, string secret)
    {
        byte[] secretBytes = Encoding.UTF8.GetBytes(secret);
        byte[] input = new byte[salt.Length + secretBytes.Length];
        salt.CopyTo(input, 0);
        secretBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    /// <summary>Splits a presented token into id and secret; false for anything not shaped like a key.</summary>
    public static bool TryParse(string? token, out string id, out string secret)
    {
        id = "";
        secret = "";
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 128)
        {
            return false;
        }

        int split = token.IndexOf('_', Prefix.Length);
        if (split < 0 || split == Prefix.Length || split == token.Length - 1)
        {
            return false;
        }

        id = token[Prefix.Length..split];
        secret = token[(split + 1)..];
        return true;
    }

    public static bool Matches(byte[] salt, byte[] storedHash, string secret) =>
        CryptographicOperations.FixedTimeEquals(Hash(salt, secret), storedHash);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
