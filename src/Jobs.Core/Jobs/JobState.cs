namespace StreamJobs.Jobs;

/// <summary>Where a job is in its life.</summary>
public enum JobState
{
    /// <summary>Registered, not started yet.</summary>
    Pending,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Its sources ended and everything drained.</summary>
    Completed,

    /// <summary>It stopped on an error.</summary>
    Failed,

    /// <summary>Disabled in configuration.</summary>
    Disabled,
}
