namespace StreamJobs.Telemetry.Spans;

/// <summary>Why a buffered trace was handed on for a decision.</summary>
public enum TraceCompletion
{
    /// <summary>No new span arrived for the configured quiet wait.</summary>
    Quiet = 0,

    /// <summary>The trace reached the maximum age since its first span.</summary>
    MaxAge,

    /// <summary>Forced out early because the buffer hit its trace or byte bound (oldest first).</summary>
    Evicted,

    /// <summary>Drained on request (shutdown or partition revocation) before it was due.</summary>
    Drained,
}
