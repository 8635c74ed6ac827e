using System.Globalization;

namespace StreamJobs.Cassandra.Traces;

/// <summary>
/// The CQL of the trace store, every table written idempotently (the primary keys are the identity): spans by trace
/// (with the keeping policy as a static column), traces by service and time, the names a search offers, and one row
/// per trace and service link for dependencies. Service names in keys are lower case, as Zipkin queries them.
/// </summary>
internal static class TraceSchema
{
    public const string SpansTable = "spans_by_trace";
    public const string LookupTable = "traces_by_service";
    public const string SpanNamesTable = "span_names_by_service";
    public const string RemoteServicesTable = "remote_services_by_service";
    public const string LinksTable = "dependency_links_by_parent";

    public static string CreateKeyspace(TraceStoreOptions o) =>
        $"CREATE KEYSPACE IF NOT EXISTS {o.Keyspace} WITH replication = {o.Replication}";

    // (span_id, shared) rather than span_id alone: a Zipkin server span may share its id with the client span.
    public static string CreateSpans(TraceStoreOptions o, TableOptions table) =>
        $"""
        CREATE TABLE IF NOT EXISTS {o.Keyspace}.{SpansTable} (
            trace_id text, span_id text, shared boolean, parent_id text, service text, name text, kind text,
            start timestamp, duration_ns bigint, error boolean, tags map<text, text>, span_json blob, policy text static,
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

    // Tables added after the first release: created beside the old ones, with the same options.
    public static IEnumerable<string> CreateQueryTables(TraceStoreOptions o, TableOptions table) =>
    [
        $"CREATE TABLE IF NOT EXISTS {o.Keyspace}.{SpanNamesTable} (service text, span_name text, PRIMARY KEY (service, span_name)) WITH {table.ToCql()}",
        $"CREATE TABLE IF NOT EXISTS {o.Keyspace}.{RemoteServicesTable} (service text, remote_service text, PRIMARY KEY (service, remote_service)) WITH {table.ToCql()}",
        $"""
        CREATE TABLE IF NOT EXISTS {o.Keyspace}.{LinksTable} (
            parent text, bucket timestamp, start timestamp, trace_id text, child text, calls bigint, errors bigint,
            PRIMARY KEY ((parent, bucket), start, trace_id, child)
        ) WITH {table.ToCql()}
        """,
    ];

    /// <summary>The policy column of <c>spans_by_trace</c>, for tables created before it existed (fails harmlessly when it exists).</summary>
    public static string AddPolicyColumn(TraceStoreOptions o) => $"ALTER TABLE {o.Keyspace}.{SpansTable} ADD policy text static";

    public static string InsertSpan(TraceStoreOptions o) =>
        $"INSERT INTO {o.Keyspace}.{SpansTable} (trace_id, span_id, shared, parent_id, service, name, kind, start, duration_ns, error, tags, span_json) "
        + $"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?){UsingTtl(o)}";

    public static string InsertLookup(TraceStoreOptions o) =>
        $"INSERT INTO {o.Keyspace}.{LookupTable} (service, bucket, start, trace_id, root_service, root_name, duration_ns, error, span_count, policy) "
        + $"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?){UsingTtl(o)}";

    public static string UpdatePolicy(TraceStoreOptions o) =>
        $"UPDATE {o.Keyspace}.{SpansTable}{UsingTtl(o)} SET policy = ? WHERE trace_id = ?";

    public static string InsertSpanName(TraceStoreOptions o) =>
        $"INSERT INTO {o.Keyspace}.{SpanNamesTable} (service, span_name) VALUES (?, ?){UsingTtl(o)}";

    public static string InsertRemoteService(TraceStoreOptions o) =>
        $"INSERT INTO {o.Keyspace}.{RemoteServicesTable} (service, remote_service) VALUES (?, ?){UsingTtl(o)}";

    public static string InsertLink(TraceStoreOptions o) =>
        $"INSERT INTO {o.Keyspace}.{LinksTable} (parent, bucket, start, trace_id, child, calls, errors) VALUES (?, ?, ?, ?, ?, ?, ?){UsingTtl(o)}";

    public static string SelectSpans(TraceStoreOptions o) =>
        $"SELECT span_json, policy FROM {o.Keyspace}.{SpansTable} WHERE trace_id = ?";

    public static string SelectServices(TraceStoreOptions o) => $"SELECT DISTINCT service FROM {o.Keyspace}.{SpanNamesTable}";

    public static string SelectSpanNames(TraceStoreOptions o) => $"SELECT span_name FROM {o.Keyspace}.{SpanNamesTable} WHERE service = ?";

    public static string SelectRemoteServices(TraceStoreOptions o) => $"SELECT remote_service FROM {o.Keyspace}.{RemoteServicesTable} WHERE service = ?";

    public static string SelectLinks(TraceStoreOptions o) =>
        $"SELECT child, calls, errors FROM {o.Keyspace}.{LinksTable} WHERE parent = ? AND bucket = ? AND start > ? AND start <= ?";

    public static string SelectLookup(TraceStoreOptions o) =>
        $"SELECT trace_id, start, duration_ns, root_service, root_name, error, span_count, policy FROM {o.Keyspace}.{LookupTable} "
        + "WHERE service = ? AND bucket = ? AND start >= ? AND start <= ?";

    private static string UsingTtl(TraceStoreOptions o) =>
        o.TimeToLiveSeconds > 0 ? string.Create(CultureInfo.InvariantCulture, $" USING TTL {o.TimeToLiveSeconds}") : string.Empty;
}
