namespace StreamJobs.Jobs;

/// <summary>A running job's state, as the host reports it.</summary>
public sealed class JobStatus
{
    internal JobStatus(JobDescriptor descriptor) => Descriptor = descriptor;

    /// <summary>The job.</summary>
    public JobDescriptor Descriptor { get; }

    /// <summary>Its state.</summary>
    public JobState State { get; internal set; }

    /// <summary>Why it failed, if it did.</summary>
    public Exception? Error { get; internal set; }
}
