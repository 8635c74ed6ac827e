namespace StreamJobs.Sqlite;

/// <summary>
/// The tables. Every primary key is an identity (trace, span, service and time), so writing a trace again replaces
/// the same rows. Names are stored lower case for Zipkin's case-insensitive lookups; times are epoch microseconds.
/// </summary>
internal static class SqliteSchema
{
    // auto_vacuum must precede the first table; WAL lets searches read while the writer writes.
    public const string Pragmas = "PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL;";

    public const string Tables = """
        CREATE TABLE IF NOT EXISTS traces (
            trace_id TEXT PRIMARY KEY, start_us INTEGER NOT NULL, duration_us INTEGER NOT NULL,
            policy TEXT, span_count INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS traces_by_start ON traces (start_us);
        CREATE TABLE IF NOT EXISTS spans (
            trace_id TEXT NOT NULL, span_id TEXT NOT NULL, shared INTEGER NOT NULL, service TEXT NOT NULL,
            remote_service TEXT NOT NULL, name TEXT NOT NULL, duration_us INTEGER NOT NULL, json BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS trace_services (
            service TEXT NOT NULL, start_us INTEGER NOT NULL, trace_id TEXT NOT NULL,
            PRIMARY KEY (service, start_us, trace_id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS span_names (
            service TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (service, name)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS remote_services (
            service TEXT NOT NULL, remote_service TEXT NOT NULL, PRIMARY KEY (service, remote_service)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dependency_links (
            trace_id TEXT NOT NULL, start_us INTEGER NOT NULL, parent TEXT NOT NULL, child TEXT NOT NULL,
            calls INTEGER NOT NULL, errors INTEGER NOT NULL, PRIMARY KEY (trace_id, parent, child)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS dependency_links_by_start ON dependency_links (start_us);
        """;

    /// <summary>
    /// The spans' identity. Spans are a rowid table with this index since files of this layout: a span's JSON (~600 B)
    /// in a <c>WITHOUT ROWID</c> key B-tree split pages so often that the writer spent about a fifth more CPU per trace.
    /// Files made before keep their <c>WITHOUT ROWID</c> spans table (same columns and key), which needs no index.
    /// </summary>
    public const string SpansIndex = "CREATE UNIQUE INDEX IF NOT EXISTS spans_by_id ON spans (trace_id, span_id, shared)";

    /// <summary>1 when the spans table is the older <c>WITHOUT ROWID</c> layout, else 0.</summary>
    public const string SpansWithoutRowid =
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'spans' AND sql LIKE '%WITHOUT ROWID%'";

    public const string InsertTrace =
        "INSERT OR REPLACE INTO traces (trace_id, start_us, duration_us, policy, span_count) VALUES ($trace, $start, $duration, $policy, $count)";

    /// <summary>
    /// Late spans of a stored trace: its duration reaches the latest end seen (its start, the root's, stays), and its
    /// span count is what is stored now, so writing the same late spans twice counts them once.
    /// </summary>
    public const string ExtendTrace =
        "UPDATE traces SET duration_us = MAX(duration_us, $end - start_us), "
        + "span_count = (SELECT COUNT(*) FROM spans WHERE trace_id = $trace) WHERE trace_id = $trace";

    /// <summary>A late span's service becomes a search entry of its stored trace, at the trace's start.</summary>
    public const string InsertLateTraceService =
        "INSERT OR IGNORE INTO trace_services (service, start_us, trace_id) SELECT $service, start_us, trace_id FROM traces WHERE trace_id = $trace";

    public const string InsertSpan =
        "INSERT OR REPLACE INTO spans (trace_id, span_id, shared, service, remote_service, name, duration_us, json) "
        + "VALUES ($trace, $span, $shared, $service, $remote, $name, $duration, $json)";

    public const string InsertTraceService =
        "INSERT OR IGNORE INTO trace_services (service, start_us, trace_id) VALUES ($service, $start, $trace)";

    public const string InsertSpanName = "INSERT OR IGNORE INTO span_names (service, name) VALUES ($service, $name)";

    public const string InsertRemoteService =
        "INSERT OR IGNORE INTO remote_services (service, remote_service) VALUES ($service, $remote)";

    public const string InsertLink =
        "INSERT OR REPLACE INTO dependency_links (trace_id, start_us, parent, child, calls, errors) VALUES ($trace, $start, $parent, $child, $calls, $errors)";
}
