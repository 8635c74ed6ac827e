namespace StreamJobs.Telemetry.Flows;

/// <summary>Why one binary record was dropped.</summary>
public enum FlowRecordError : byte
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The datagram ended inside the record.</summary>
    Truncated,

    /// <summary>The direction byte is not 0, 1 or 2.</summary>
    BadDirection,

    /// <summary>The start is negative or the end is before the start.</summary>
    BadTimes,

    /// <summary>The identity index points past the identity section.</summary>
    BadIdentityIndex,
}
