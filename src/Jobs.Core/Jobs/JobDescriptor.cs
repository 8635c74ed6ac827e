using System.ComponentModel;
using System.Reflection;

namespace StreamJobs.Jobs;

/// <summary>A registered job: its name, type and parameters.</summary>
public sealed class JobDescriptor
{
    internal JobDescriptor(string name, Type jobType)
    {
        Name = name;
        JobType = jobType;
        Description = jobType.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";
        ParametersType = FindParametersType(jobType);
        Parameters = ParametersType is null ? [] : JobParameters.Describe(ParametersType);
    }

    /// <summary>The job's name (its configuration section is <c>StreamJobs:Jobs:&lt;name&gt;</c>).</summary>
    public string Name { get; }

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
