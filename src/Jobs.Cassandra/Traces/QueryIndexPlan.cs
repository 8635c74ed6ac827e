using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;

namespace StreamJobs.Cassandra.Traces;

/// <summary>
/// The writes that serve queries beside <see cref="TraceWritePlan"/>'s: the keeping policy (a static column of the
/// trace's partition), span and remote service names per service (written once per process and
/// <see cref="NameRefresh"/>, as they rarely change), and one row per trace and service link, grouped by (parent,
/// bucket) into unlogged batches.
/// </summary>
internal sealed class QueryIndexPlan(TraceStatements statements, TraceStoreOptions options)
{
    /// <summary>How long a name written is not written again by this process (well inside any TTL).</summary>
    public static readonly TimeSpan NameRefresh = TimeSpan.FromHours(1);

    private const int MaxRememberedNames = 100_000;
    private readonly long _bucketTicks = options.BucketSize.Ticks;
    private readonly Dictionary<(string, string, bool), DateTime> _written = [];
    private readonly Lock _lock = new();

    public void Add(List<WriteUnit> units, IReadOnlyList<TraceWrite> traces, Exception?[] rejected)
    {
        var names = new Dictionary<string, WriteUnit>(StringComparer.Ordinal);
        var links = new Dictionary<(string Parent, long Bucket), WriteUnit>();
        DateTime now = DateTime.UtcNow;
        for (int t = 0; t < traces.Count; t++)
        {
            if (rejected[t] is not null)
            {
                continue;
            }

            TraceWrite write = traces[t];
            Trace trace = write.Trace;
            string traceId = trace.TraceId.ToString();
            if (write.Policy is { } policy)
            {
                units.Add(new WriteUnit(Batch().Add(statements.UpdatePolicy.Bind(policy, traceId)), t, null));
            }

            foreach (var (service, name) in TraceNames.SpanNames(trace.Spans))
            {
                AddName(names, units, t, service, name, remote: false, now);
            }

            foreach (var (service, remote) in TraceNames.RemoteServiceNames(trace.Spans))
            {
                AddName(names, units, t, service, remote, remote: true, now);
            }

            if (!write.SpansOnly)
            {
                AddLinks(links, units, t, trace, traceId);
            }
        }
    }

    private void AddName(Dictionary<string, WriteUnit> names, List<WriteUnit> units, int t, string service, string name, bool remote, DateTime now)
    {
        lock (_lock)
        {
            if (_written.TryGetValue((service, name, remote), out DateTime at) && now - at < NameRefresh)
            {
                return;
            }

            if (_written.Count >= MaxRememberedNames)
            {
                _written.Clear();
            }

            _written[(service, name, remote)] = now;
        }

        if (!names.TryGetValue(service, out WriteUnit unit))
        {
            unit = new WriteUnit(Batch(), -1, []);
            names.Add(service, unit);
            units.Add(unit);
        }

        unit.Statement.Add((remote ? statements.InsertRemoteService : statements.InsertSpanName).Bind(service, name));
        unit.Traces!.Add(t);
    }

    private void AddLinks(Dictionary<(string, long), WriteUnit> links, List<WriteUnit> units, int t, Trace trace, string traceId)
    {
        long bucket = trace.Start.UtcTicks / _bucketTicks * _bucketTicks;
        foreach (DependencyLink link in DependencyLinker.Link(trace.Spans))
        {
            if (!links.TryGetValue((link.Parent, bucket), out WriteUnit unit) || unit.Statement.Statements.Count == ushort.MaxValue)
            {
                unit = new WriteUnit(Batch(), -1, []);
                links[(link.Parent, bucket)] = unit;
                units.Add(unit);
            }

            unit.Statement.Add(statements.InsertLink.Bind(
                link.Parent, new DateTimeOffset(bucket, TimeSpan.Zero), trace.Start, traceId, link.Child, link.CallCount, link.ErrorCount));
            unit.Traces!.Add(t);
        }
    }

    private BatchStatement Batch() => TraceWritePlan.NewBatch(options);
}
