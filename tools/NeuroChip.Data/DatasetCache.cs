using System.Collections.Concurrent;

namespace NeuroChip.Data;

/// <summary>
/// Data sets loaded once per process and shared by every user of this cache (a server's requests and jobs): the
/// first request for a set loads it, the others wait for that load and get the same instance. Fashion-MNIST's split
/// does not depend on the seed, so it is held once. A load that fails is not kept: the next request tries again.
/// Callers must treat the returned sets as read-only.
/// </summary>
public sealed class DatasetCache
{
    private readonly ConcurrentDictionary<(string Name, int Seed, string? Directory), Lazy<DatasetSplit>> loaded = new();

    /// <summary>As <see cref="DatasetCatalog.Load"/>, loading each (name, seed, directory) once.</summary>
    public DatasetSplit Load(string name, int seed, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = (name, name == FashionMnistDataset.Name ? 0 : seed, directory);
        Lazy<DatasetSplit> entry = loaded.GetOrAdd(key, k => new Lazy<DatasetSplit>(() => DatasetCatalog.Load(k.Name, k.Seed, k.Directory), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return entry.Value;
        }
        catch
        {
            loaded.TryRemove(new KeyValuePair<(string, int, string?), Lazy<DatasetSplit>>(key, entry));
            throw;
        }
    }
}
