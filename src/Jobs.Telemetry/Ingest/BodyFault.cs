namespace StreamJobs.Telemetry.Ingest;

/// <summary>Why a request body could not be read as a whole (as opposed to some of its records being rejected).</summary>
public enum BodyFault
{
    /// <summary>The body was read; individual records may still have been rejected.</summary>
    None = 0,

    /// <summary>Not decodable: broken syntax, invalid UTF-8, nesting too deep, wrong shape. Answer 400.</summary>
    Malformed,

    /// <summary>More records than <see cref="IngestLimits.MaxRecords"/>. Answer 413; the client should split the batch.</summary>
    TooManyRecords,

    /// <summary>More attributes, events, links and array elements than <see cref="IngestLimits.MaxAttributes"/>. Answer 413.</summary>
    TooManyAttributes,
}
