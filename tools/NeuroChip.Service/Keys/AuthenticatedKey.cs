namespace NeuroChip.Service.Keys;

/// <summary>The key a request was made with.</summary>
internal sealed record AuthenticatedKey(string Id, string Name, KeyLimits Limits);
