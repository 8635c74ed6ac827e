namespace StreamJobs.Telemetry.Flows;

/// <summary>What <see cref="FlowDatagramDecoder.Decode"/> did with one datagram.</summary>
/// <param name="Status">Whether the datagram as a whole was accepted.</param>
/// <param name="RecordsDecoded">Records written to the caller's buffer.</param>
/// <param name="RecordsDropped">Records declared by the header but dropped (bad or truncated).</param>
/// <param name="Sequence">The exporter's datagram sequence number (lets a consumer count lost datagrams).</param>
/// <param name="FirstError">Why the first dropped record was dropped.</param>
/// <param name="FirstErrorIndex">Index (in the datagram) of the first dropped record, or -1.</param>
public readonly record struct FlowDatagramResult(
    FlowDatagramStatus Status,
    int RecordsDecoded,
    int RecordsDropped,
    uint Sequence,
    FlowRecordError FirstError,
    int FirstErrorIndex);
