namespace StreamJobs.Host.Ingest;

/// <summary>The span bodies ingest reads.</summary>
internal enum SpanFormat
{
    /// <summary>A Zipkin v2 JSON array: a body whose end cannot be read still gives the spans before it.</summary>
    ZipkinJson,

    /// <summary>An OTLP <c>ExportTraceServiceRequest</c> as JSON: read whole or not at all.</summary>
    OtlpJson,

    /// <summary>An OTLP <c>ExportTraceServiceRequest</c> as protobuf (OTLP/HTTP and OTLP/gRPC): read whole or not at all.</summary>
    OtlpProtobuf,
}
