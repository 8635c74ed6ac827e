using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;

namespace StreamJobs.Sqlite;

/// <summary>The read side: each call opens a pooled connection, so searches run beside the writer (WAL).</summary>
internal sealed class SqliteTraceReader(string connectionString, int maxScannedTraces, ILogger logger)
{
    public StoredTrace? GetTrace(TraceId traceId)
    {
        using SqliteConnection connection = Open();
        return Load(connection, traceId.ToString());
    }

    public IReadOnlyList<StoredTrace> Find(TraceQuery query)
    {
        using SqliteConnection connection = Open();
        bool exact = SqliteTraceSearch.IsExact(query);
        var ids = new List<string>();
        using (SqliteCommand command = SqliteTraceSearch.Candidates(connection, query, exact ? query.Limit : maxScannedTraces))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read()) ids.Add(reader.GetString(0));
        }

        var found = new List<StoredTrace>(Math.Min(query.Limit, ids.Count));
        foreach (string id in ids)
        {
            if (Load(connection, id) is { } trace && query.Matches(trace))
            {
                found.Add(trace);
                if (found.Count == query.Limit) break;
            }
        }

        return found;
    }

    public IReadOnlyList<string> Strings(string sql, string? service = null)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        if (service is not null) command.Parameters.AddWithValue("$service", service.ToLowerInvariant());
        using SqliteDataReader reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    public IReadOnlyList<DependencyLink> Dependencies(DateTimeOffset endTs, TimeSpan lookback)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT parent, child, SUM(calls), SUM(errors) FROM dependency_links "
            + "WHERE start_us > $from AND start_us <= $to GROUP BY parent, child ORDER BY parent, child";
        command.Parameters.AddWithValue("$from", (endTs - lookback).ToUnixTimeMilliseconds() * 1000);
        command.Parameters.AddWithValue("$to", endTs.ToUnixTimeMilliseconds() * 1000);
        using SqliteDataReader reader = command.ExecuteReader();
        var links = new List<DependencyLink>();
        while (reader.Read()) links.Add(new DependencyLink(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        return links;
    }

    private StoredTrace? Load(SqliteConnection connection, string traceId)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM spans WHERE trace_id = $trace; SELECT policy FROM traces WHERE trace_id = $trace";
        command.Parameters.AddWithValue("$trace", traceId);
        using SqliteDataReader reader = command.ExecuteReader();
        var stored = new List<ReadOnlyMemory<byte>>();
        while (reader.Read()) stored.Add((byte[])reader.GetValue(0));
        if (stored.Count == 0) return null;
        string? policy = reader.NextResult() && reader.Read() && !reader.IsDBNull(0) ? reader.GetString(0) : null;
        var errors = new List<SpanParseError>();
        List<Span> spans = SpanJson.Read(stored, errors);
        if (errors.Count > 0)
        {
            logger.LogWarning("Trace {TraceId}: {Count} stored spans could not be read back, first: {Error}", traceId, errors.Count, errors[0]);
        }

        return spans.Count == 0 ? null : new StoredTrace(spans[0].TraceId, spans, policy);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }
}
