using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using StreamJobs.Jobs;

namespace StreamJobs.Hosting;

/// <summary>Registers jobs with a host: <c>services.AddStreamJobs().AddJob&lt;MyJob&gt;()</c>.</summary>
public sealed partial class StreamJobsBuilder
{
    internal StreamJobsBuilder(IServiceCollection services, JobCatalog catalog)
    {
        Services = services;
        Catalog = catalog;
    }

    /// <summary>The host's services, for plugins that bring their own.</summary>
    public IServiceCollection Services { get; }

    internal JobCatalog Catalog { get; }

    /// <summary>The names of the jobs registered so far.</summary>
    public IEnumerable<string> JobNames => Catalog.Jobs.Select(j => j.Name);

    /// <summary>The plugin being registered by <see cref="AddJobsFrom"/>, if any.</summary>
    private string? CurrentPlugin { get; set; }

    /// <summary>
    /// Registers <typeparamref name="TJob"/> under <paramref name="name"/> (default: the class name in kebab case without
    /// a trailing "Job", e.g. <c>SpanBufferJob</c> → <c>span-buffer</c>).
    /// </summary>
    public StreamJobsBuilder AddJob<TJob>(string? name = null)
        where TJob : StreamJob
    {
        var jobName = name ?? DefaultName(typeof(TJob));
        Catalog.Add(new JobDescriptor(jobName, typeof(TJob), CurrentPlugin));
        return this;
    }

    /// <summary>
    /// Registers the jobs of a plugin assembly through its single <see cref="IJobProvider"/>; its jobs are marked as
    /// coming from <paramref name="plugin"/> (default: the assembly name).
    /// </summary>
    public StreamJobsBuilder AddJobsFrom(Assembly assembly, string? plugin = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var providers = assembly.GetTypes().Where(t => typeof(IJobProvider).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }).ToArray();
        if (providers.Length != 1)
            throw new InvalidOperationException($"Assembly {assembly.GetName().Name} must contain exactly one IJobProvider; it contains {providers.Length}.");
        CurrentPlugin = plugin ?? assembly.GetName().Name;
        try
        {
            ((IJobProvider)Activator.CreateInstance(providers[0])!).Register(this);
        }
        finally
        {
            CurrentPlugin = null;
        }
        return this;
    }

    internal static string DefaultName(Type jobType)
    {
        var name = jobType.Name;
        if (name.EndsWith("Job", StringComparison.Ordinal) && name.Length > 3) name = name[..^3];
        return Kebab().Replace(name, "$1-$2").ToLowerInvariant();
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Kebab();
}
