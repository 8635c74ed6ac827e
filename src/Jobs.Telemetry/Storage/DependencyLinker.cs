using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Storage;

/// <summary>
/// Derives the calls between services from one trace: a span whose caller (its parent, or for a shared server span
/// the client span with its id) belongs to another service is a call caller → span; a client or producer span naming
/// a remote service that has no span of its own in the trace (an uninstrumented database, a broker) is a call to it.
/// A call counts as an error when the called side's span failed (the client's, for an uninstrumented callee).
/// </summary>
public static class DependencyLinker
{
    /// <summary>The links of one trace, with their call and error counts.</summary>
    public static IReadOnlyList<DependencyLink> Link(IReadOnlyList<Span> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var byId = new Dictionary<SpanId, Span>(spans.Count);
        var instrumented = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Span span in spans)
        {
            if (!span.Shared || !byId.ContainsKey(span.Id))
            {
                byId[span.Id] = span;
            }

            if (span.ServiceName is { Length: > 0 } service)
            {
                instrumented.Add(service);
            }
        }

        var counts = new Dictionary<(string Parent, string Child), (long Calls, long Errors)>();
        foreach (Span span in spans)
        {
            string? child = Lower(span.ServiceName);
            if (child is null)
            {
                continue;
            }

            SpanId? callerId = span.Shared ? span.Id : span.ParentId;
            if (callerId is { } id && byId.TryGetValue(id, out Span? caller) && !ReferenceEquals(caller, span)
                && Lower(caller.ServiceName) is { } parent && parent != child)
            {
                Add(counts, parent, child, TraceClassifier.IsError(span));
            }

            if (span.Kind is SpanKind.Client or SpanKind.Producer && Lower(span.RemoteEndpoint?.ServiceName) is { } remote
                && remote != child && !instrumented.Contains(remote))
            {
                Add(counts, child, remote, TraceClassifier.IsError(span));
            }
        }

        return counts.Select(c => new DependencyLink(c.Key.Parent, c.Key.Child, c.Value.Calls, c.Value.Errors)).ToList();
    }

    /// <summary>Sums links of many traces per (parent, child), ordered by parent then child.</summary>
    public static IReadOnlyList<DependencyLink> Merge(IEnumerable<DependencyLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        return links.GroupBy(l => (l.Parent, l.Child))
            .Select(g => new DependencyLink(g.Key.Parent, g.Key.Child, g.Sum(l => l.CallCount), g.Sum(l => l.ErrorCount)))
            .OrderBy(l => l.Parent, StringComparer.Ordinal).ThenBy(l => l.Child, StringComparer.Ordinal)
            .ToList();
    }

    private static void Add(Dictionary<(string, string), (long Calls, long Errors)> counts, string parent, string child, bool error)
    {
        counts.TryGetValue((parent, child), out var c);
        counts[(parent, child)] = (c.Calls + 1, c.Errors + (error ? 1 : 0));
    }

    private static string? Lower(string? name) => string.IsNullOrEmpty(name) ? null : name.ToLowerInvariant();
}
