namespace NeuroChip.Service.Keys;

/// <summary>A stored key as <c>neurochip serve keys list</c> shows it: never the secret, which is kept only as a salted hash.</summary>
public sealed record ApiKeyInfo(string Id, string Name, KeyLimits Limits, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A key just created: <see cref="Token"/> is shown once and cannot be recovered later.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Key, string Token);
