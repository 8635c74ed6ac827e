using StreamJobs.Jobs;

namespace StreamJobs.Hosting;

/// <summary>The jobs registered with a host, by name.</summary>
public sealed class JobCatalog
{
    private readonly List<JobDescriptor> _jobs = new();

    /// <summary>Every registered job, in registration order.</summary>
    public IReadOnlyList<JobDescriptor> Jobs => _jobs;

    internal void Add(JobDescriptor descriptor)
    {
        if (_jobs.Any(j => string.Equals(j.Name, descriptor.Name, StringComparison.OrdinalIgnoreCase)))
            throw new InvalidOperationException($"A job named '{descriptor.Name}' is already registered ({descriptor.JobType.FullName}).");
        _jobs.Add(descriptor);
    }
}
