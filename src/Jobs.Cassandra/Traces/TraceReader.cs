using Microsoft.Extensions.Logging;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;

namespace StreamJobs.Cassandra.Traces;

/// <summary>
/// The read side of <see cref="TraceStore"/>. A search reads <c>traces_by_service</c> bucket by bucket, newest first
/// (for every service when none is named), and tests each candidate trace with <see cref="TraceQuery.Matches"/> until
/// the limit is reached or <see cref="TraceStoreOptions.MaxScannedTraces"/> candidates were tested.
/// </summary>
internal sealed class TraceReader(ISession session, TraceStatements statements, TraceStoreOptions options, ILogger logger)
{
    public async Task<StoredTrace?> GetTraceAsync(TraceId traceId, CancellationToken cancellationToken)
    {
        RowSet rows = await session.ExecuteAsync(statements.SelectSpans.Bind(traceId.ToString()).SetPageSize(1000), cancellationToken).ConfigureAwait(false);
        var stored = new List<ReadOnlyMemory<byte>>();
        string? policy = null;
        await foreach (Row row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // A policy written without spans (or spans expired first) leaves a row with a null blob.
            if (row.GetValue<byte[]?>(0) is { } json) stored.Add(json);
            policy ??= row.GetValue<string?>(1) is { Length: > 0 } p ? p : null;
        }

        var errors = new List<SpanParseError>();
        List<Span> spans = SpanJson.Read(stored, errors);
        if (errors.Count > 0)
        {
            logger.LogWarning("Trace {TraceId}: {Count} stored spans could not be read back, first: {Error}", traceId, errors.Count, errors[0]);
        }

        return spans.Count == 0 ? null : new StoredTrace(traceId, spans, policy);
    }

    public async Task<IReadOnlyList<StoredTrace>> FindAsync(TraceQuery query, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> services = query.ServiceName is { } named ? [named.ToLowerInvariant()] : await NamesAsync(statements.SelectServices.Bind(), cancellationToken).ConfigureAwait(false);
        DateTimeOffset from = query.StartTs, to = query.EndTs;
        long bucketTicks = options.BucketSize.Ticks;
        var found = new List<StoredTrace>(Math.Min(query.Limit, 1024));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int scanned = 0;
        // A partition is read newest first, so when every candidate qualifies the newest `Limit` rows of each service
        // suffice; otherwise up to the scan budget is read.
        bool exact = query.SpanName is null && query.RemoteServiceName is null && query.MinDuration is null
            && query.AnnotationQuery.Count == 0 && query.Policy is null;
        for (long bucket = to.UtcTicks / bucketTicks * bucketTicks; bucket >= from.UtcTicks / bucketTicks * bucketTicks; bucket -= bucketTicks)
        {
            var candidates = new List<(DateTimeOffset Start, string TraceId, string Policy)>();
            foreach (string service in services)
            {
                var statement = statements.SelectLookup.Bind(service, new DateTimeOffset(bucket, TimeSpan.Zero), from, to);
                int cap = exact ? query.Limit - found.Count : options.MaxScannedTraces;
                RowSet rows = await session.ExecuteAsync(statement.SetPageSize(Math.Min(cap, 5000)), cancellationToken).ConfigureAwait(false);
                int taken = 0;
                await foreach (Row row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    candidates.Add((row.GetValue<DateTimeOffset>("start"), row.GetValue<string>("trace_id"), row.GetValue<string>("policy")));
                    if (++taken == cap) break;
                }
            }

            candidates.Sort(static (a, b) => b.Start != a.Start ? b.Start.CompareTo(a.Start) : string.CompareOrdinal(a.TraceId, b.TraceId));
            foreach (var (_, traceId, policy) in candidates)
            {
                if ((query.Policy is not null && query.Policy != policy) || !seen.Add(traceId))
                {
                    continue;
                }

                if (++scanned > options.MaxScannedTraces)
                {
                    return found;
                }

                if (await GetTraceAsync(TraceId.Parse(traceId), cancellationToken).ConfigureAwait(false) is { } trace && query.Matches(trace))
                {
                    found.Add(trace);
                    if (found.Count == query.Limit) return found;
                }
            }
        }

        return found;
    }

    public Task<IReadOnlyList<string>> ServicesAsync(CancellationToken cancellationToken) =>
        NamesAsync(statements.SelectServices.Bind(), cancellationToken);

    public Task<IReadOnlyList<string>> SpanNamesAsync(string service, CancellationToken cancellationToken) =>
        NamesAsync(statements.SelectSpanNames.Bind(service.ToLowerInvariant()), cancellationToken);

    public Task<IReadOnlyList<string>> RemoteServicesAsync(string service, CancellationToken cancellationToken) =>
        NamesAsync(statements.SelectRemoteServices.Bind(service.ToLowerInvariant()), cancellationToken);

    public async Task<IReadOnlyList<DependencyLink>> DependenciesAsync(DateTimeOffset endTs, TimeSpan lookback, CancellationToken cancellationToken)
    {
        DateTimeOffset from = endTs - lookback;
        long bucketTicks = options.BucketSize.Ticks;
        var links = new List<DependencyLink>();
        foreach (string parent in await ServicesAsync(cancellationToken).ConfigureAwait(false))
        {
            for (long bucket = from.UtcTicks / bucketTicks * bucketTicks; bucket <= endTs.UtcTicks; bucket += bucketTicks)
            {
                var statement = statements.SelectLinks.Bind(parent, new DateTimeOffset(bucket, TimeSpan.Zero), from, endTs).SetPageSize(5000);
                RowSet rows = await session.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
                await foreach (Row row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    links.Add(new DependencyLink(parent, row.GetValue<string>(0), row.GetValue<long>(1), row.GetValue<long>(2)));
                }
            }
        }

        return DependencyLinker.Merge(links);
    }

    private async Task<IReadOnlyList<string>> NamesAsync(Statement statement, CancellationToken cancellationToken)
    {
        RowSet rows = await session.ExecuteAsync(statement.SetPageSize(5000), cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        await foreach (Row row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (row.GetValue<string>(0) is { Length: > 0 } name) names.Add(name);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
