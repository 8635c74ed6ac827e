using System.ComponentModel;
using System.Reflection;

namespace StreamJobs.Jobs;

/// <summary>A registered job: its name, type and parameters.</summary>
public sealed class JobDescriptor
{
    internal JobDescriptor(string name, Type jobType, string? plugin = null)
    {
        Name = name;
        JobType = jobType;
        Plugin = plugin;
        Description = jobType.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";
        ParametersType = FindParametersType(jobType);
        Parameters = ParametersType is null ? [] : JobParameters.Describe(ParametersType);
    }

    /// <summary>The job's name (its configuration section is <c>StreamJobs:Jobs:&lt;name&gt;</c>).</summary>
    public string Name { get; }

    /// <summary>
    /// The plugin the job came from, or null for jobs the host registers itself. A plugin job that fails to build or
    /// whose parameters are invalid is reported and skipped; the host's own jobs fail the start instead.
    /// </summary>
    public string? Plugin { get; }

    /// <summary>The job class.</summary>
    public Type JobType { get; }

    /// <summary>What the job does.</summary>
    public string Description { get; }

    /// <summary>The parameters class, or null.</summary>
    public Type? ParametersType { get; }

    /// <summary>The parameters, described.</summary>
    public IReadOnlyList<JobParameterDescriptor> Parameters { get; }

    private static Type? FindParametersType(Type jobType)
    {
        for (var type = jobType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(StreamJob<>)) return type.GetGenericArguments()[0];
        }
        return null;
    }
}
