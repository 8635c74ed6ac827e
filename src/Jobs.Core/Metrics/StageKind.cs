namespace StreamJobs.Metrics;

/// <summary>The role of a stage in its graph, so reports can show a job's intake and output.</summary>
public enum StageKind
{
    /// <summary>A stage in the middle.</summary>
    Flow,

    /// <summary>Where records enter the graph.</summary>
    Source,

    /// <summary>Where records leave the graph.</summary>
    Sink,
}
