using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Storage;

/// <summary>
/// Where kept traces are written and read back: by trace id, by search (<see cref="TraceQuery"/>, Zipkin's query
/// semantics), the names a search form offers, and the service dependency links. Writes are idempotent (a trace
/// written twice reads back once). Implementations are thread-safe.
/// </summary>
public interface ITraceStore
{
    /// <summary>Writes traces; returns once they are durable (or as durable as the store promises).</summary>
    Task WriteAsync(IReadOnlyList<TraceWrite> traces, CancellationToken cancellationToken = default);

    /// <summary>The stored spans of a trace with the policy that kept it, or null when the trace is not stored.</summary>
    Task<StoredTrace?> GetTraceAsync(TraceId traceId, CancellationToken cancellationToken = default);

    /// <summary>Traces matching <paramref name="query"/>, newest first, at most <see cref="TraceQuery.Limit"/>.</summary>
    Task<IReadOnlyList<StoredTrace>> FindTracesAsync(TraceQuery query, CancellationToken cancellationToken = default);

    /// <summary>The local service names of stored spans, lower case, sorted.</summary>
    Task<IReadOnlyList<string>> GetServiceNamesAsync(CancellationToken cancellationToken = default);

    /// <summary>The span names of a service's spans, lower case, sorted; empty for an unknown service.</summary>
    Task<IReadOnlyList<string>> GetSpanNamesAsync(string serviceName, CancellationToken cancellationToken = default);

    /// <summary>The remote service names a service's spans called, lower case, sorted.</summary>
    Task<IReadOnlyList<string>> GetRemoteServiceNamesAsync(string serviceName, CancellationToken cancellationToken = default);

    /// <summary>Calls between services in traces that started in (<paramref name="endTs"/> - <paramref name="lookback"/>, <paramref name="endTs"/>].</summary>
    Task<IReadOnlyList<DependencyLink>> GetDependenciesAsync(DateTimeOffset endTs, TimeSpan lookback, CancellationToken cancellationToken = default);
}
