namespace NeuroChip.Service.Jobs;

/// <summary>The job kinds this service runs, by name.</summary>
internal sealed class JobKindRegistry
{
    private readonly Dictionary<string, IJobKind> kinds;

    public JobKindRegistry(IEnumerable<IJobKind> kinds)
    {
        this.kinds = kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);
    }

    public IEnumerable<IJobKind> All => kinds.Values.OrderBy(k => k.Name, StringComparer.Ordinal);

    public IJobKind Get(string name) => kinds.TryGetValue(name, out IJobKind? kind)
        ? kind
        : throw new InvalidOperationException($"A stored job has kind '{name}', which this service version does not run. Kinds: {string.Join(", ", kinds.Keys)}.");

    public IJobKind Resolve(string? name)
    {
        string wanted = string.IsNullOrWhiteSpace(name) ? "simulate" : name;
        return kinds.TryGetValue(wanted, out IJobKind? kind)
            ? kind
            : throw new JobInputException("kind", $"Unknown job kind '{wanted}'. Kinds this service runs: {string.Join(", ", All.Select(k => k.Name))}.");
    }
}
