using NeuroChip.Service.Keys;

namespace NeuroChip.Service.Jobs;

/// <summary>The base of the built-in job kinds: a name and a one-line description, and the two steps of <see cref="IJobKind"/>.</summary>
internal abstract class JobKind(string name, string description) : IJobKind
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public abstract string Prepare(JobSubmission submission, KeyLimits limits, string inputDirectory);

    public abstract JobOutput Execute(JobExecution execution);
}
