namespace StreamJobs.Host.Ingest;

/// <summary>The warning both OTLP transports log when a request's spans were partly rejected.</summary>
internal static class OtlpIngestLog
{
    public static void Rejected(ILoggerFactory loggers, SpanIngestOutcome outcome) =>
        loggers.CreateLogger("StreamJobs.Ingest").LogWarning("OTLP ingest rejected {Rejected} of {Total} span(s): {Errors}", outcome.Rejected, outcome.Rejected + outcome.Accepted, outcome.Message);
}
