namespace StreamJobs.Host.Ingest;

/// <summary>What happened to one request's spans at the ingest queue.</summary>
internal enum OfferResult
{
    /// <summary>Queued for the stream.</summary>
    Accepted,

    /// <summary>The queue is full: the client should retry after a while.</summary>
    Full,

    /// <summary>The ingest job is not running (disabled, not started, or shutting down).</summary>
    NotRunning,
}
