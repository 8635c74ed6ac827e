namespace StreamJobs.Host.Ingest;

/// <summary>How one span ingest request ended, whatever protocol carried it.</summary>
internal enum SpanIngestVerdict
{
    /// <summary>Its readable spans were taken (and, with Kafka, acknowledged); some may have been rejected.</summary>
    Accepted,

    /// <summary>More spans than MaxRecordsPerRequest: nothing was taken.</summary>
    TooManySpans,

    /// <summary>More attributes than MaxAttributesPerRequest (OTLP protobuf): nothing was taken.</summary>
    TooManyAttributes,

    /// <summary>No usable span could be read.</summary>
    Unreadable,

    /// <summary>The ingest queue is full: retry later.</summary>
    Full,

    /// <summary>The ingest job is not running.</summary>
    NotRunning,

    /// <summary>Taken, but Kafka did not acknowledge in time: retry later.</summary>
    NotDelivered,
}
