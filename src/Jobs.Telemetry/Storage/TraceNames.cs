using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Storage;

/// <summary>The names a store indexes for a trace, lower case (Zipkin's form): services, span and remote names per service.</summary>
public static class TraceNames
{
    /// <summary>Distinct (service, span name) pairs of the spans that have a service.</summary>
    public static IEnumerable<(string Service, string SpanName)> SpanNames(IReadOnlyList<Span> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        return spans.Where(s => !string.IsNullOrEmpty(s.ServiceName))
            .Select(s => (s.ServiceName!.ToLowerInvariant(), s.Name.ToLowerInvariant()))
            .Distinct();
    }

    /// <summary>Distinct (service, remote service) pairs of the spans that name both.</summary>
    public static IEnumerable<(string Service, string RemoteService)> RemoteServiceNames(IReadOnlyList<Span> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        return spans.Where(s => !string.IsNullOrEmpty(s.ServiceName) && !string.IsNullOrEmpty(s.RemoteEndpoint?.ServiceName))
            .Select(s => (s.ServiceName!.ToLowerInvariant(), s.RemoteEndpoint!.ServiceName!.ToLowerInvariant()))
            .Distinct();
    }

    /// <summary>Distinct local services, lower case.</summary>
    public static IEnumerable<string> Services(IReadOnlyList<Span> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        return spans.Where(s => !string.IsNullOrEmpty(s.ServiceName)).Select(s => s.ServiceName!.ToLowerInvariant()).Distinct();
    }
}
