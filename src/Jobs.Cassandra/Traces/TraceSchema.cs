using System.Globalization;

namespace StreamJobs.Cassandra.Traces;

/// <summary>The CQL of the trace store: two tables, both written idempotently (the primary keys are the identity).</summary>
internal static class TraceSchema
{
    public const string SpansTable = "spans_by_trace";
    public const string LookupTable = "traces_by_service";

    public static string CreateKeyspace(TraceStoreOptions o) =>
        $"CREATE KEYSPACE IF NOT EXISTS {o.Keyspace} WITH replication = {o.Replication}";

    // (span_id, shared) rather than span_id alone: a Zipkin server span may share its id with the client span.
    public static string CreateSpans(TraceStoreOptions o, TableOptions table) =>
        $"""
        CREATE TABLE IF NOT EXISTS {o.Keyspace}.{SpansTable} (
            trace_id text, span_id text, shared boolean, parent_id text, service text, name text, kind text,
            start timestamp, duration_ns bigint, error boolean, tags map<text, text>, span_json blob,
            PRIMARY KEY (trace_id, span_id, shared)
        ) WITH {table.ToCql()}
        """;

    public static string CreateLookup(TraceStoreOptions o, TableOptions table) =>
        $"""
        CREATE TABLE IF NOT EXISTS {o.Keyspace}.{LookupTable} (
            service text, bucket timestamp, start timestamp, trace_id text, root_service text, root_name text,
            duration_ns bigint, error boolean, span_count int, policy text,
            PRIMARY KEY ((service, bucket), start, trace_id)
        ) WITH CLUSTERING ORDER BY (start DESC, trace_id ASC) AND {table.ToCql()}
        """;

    public static string InsertSpan(TraceStoreOptions o) =>
        $"INSERT INTO {o.Keyspace}.{SpansTable} (trace_id, span_id, shared, parent_id, service, name, kind, start, duration_ns, error, tags, span_json) "
        + $"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?){UsingTtl(o)}";

    public static string InsertLookup(TraceStoreOptions o) =>
        $"INSERT INTO {o.Keyspace}.{LookupTable} (service, bucket, start, trace_id, root_service, root_name, duration_ns, error, span_count, policy) "
        + $"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?){UsingTtl(o)}";

    public static string SelectSpans(TraceStoreOptions o) =>
        $"SELECT span_json FROM {o.Keyspace}.{SpansTable} WHERE trace_id = ?";

    public static string SelectLookup(TraceStoreOptions o) =>
        $"SELECT trace_id, start, duration_ns, root_service, root_name, error, span_count, policy FROM {o.Keyspace}.{LookupTable} "
        + "WHERE service = ? AND bucket = ? AND start >= ? AND start <= ?";

    private static string UsingTtl(TraceStoreOptions o) =>
        o.TimeToLiveSeconds > 0 ? string.Create(CultureInfo.InvariantCulture, $" USING TTL {o.TimeToLiveSeconds}") : string.Empty;
}
