namespace StreamJobs.Jobs;

/// <summary>The configuration of one or more jobs is wrong; the message lists every problem with its key.</summary>
public sealed class JobConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public JobConfigurationException(IReadOnlyList<string> problems)
        : base("Invalid job configuration:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
    {
        Problems = problems;
    }

    /// <summary>Each problem, naming its configuration key.</summary>
    public IReadOnlyList<string> Problems { get; }
}
