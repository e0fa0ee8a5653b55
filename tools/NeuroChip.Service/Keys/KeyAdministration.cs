using NeuroChip.Service.Storage;

namespace NeuroChip.Service.Keys;

/// <summary>
/// What <c>neurochip serve keys create|list|revoke</c> does, on the same database file the running
/// service reads (WAL lets both use it at once; a revoked key is refused from the next request on).
/// </summary>
public static class KeyAdministration
{
    public static CreatedApiKey Create(string dataDirectory, string name, KeyLimits? limits = null) =>
        Store(dataDirectory).Create(name, limits ?? KeyLimits.Default);

    public static IReadOnlyList<ApiKeyInfo> List(string dataDirectory) => Store(dataDirectory).List();

    public static bool Revoke(string dataDirectory, string id) => Store(dataDirectory).Revoke(id);

    private static ApiKeyStore Store(string dataDirectory) => new(new ServiceDatabase(dataDirectory), TimeProvider.System);
}
