using System.Text;
using Microsoft.Data.Sqlite;
using StreamJobs.Telemetry.Storage;

namespace StreamJobs.Sqlite;

/// <summary>
/// The SQL for a <see cref="TraceQuery"/>: candidate trace ids newest first, by service and time (or time alone),
/// policy, and one EXISTS per span condition. Tags and annotations live only in the span JSON, so a query with an
/// <see cref="TraceQuery.AnnotationQuery"/> is finished in memory (<see cref="TraceQuery.Matches"/>).
/// </summary>
internal static class SqliteTraceSearch
{
    public static bool IsExact(TraceQuery query) => query.AnnotationQuery.Count == 0;

    public static SqliteCommand Candidates(SqliteConnection connection, TraceQuery query, int limit)
    {
        var sql = new StringBuilder();
        SqliteCommand command = connection.CreateCommand();
        if (query.ServiceName is { } service)
        {
            sql.Append("SELECT s.trace_id FROM trace_services s");
            if (query.Policy is not null) sql.Append(" JOIN traces t ON t.trace_id = s.trace_id AND t.policy = $policy");
            sql.Append(" WHERE s.service = $service AND s.start_us BETWEEN $from AND $to");
            command.Parameters.AddWithValue("$service", service.ToLowerInvariant());
        }
        else
        {
            sql.Append("SELECT s.trace_id FROM traces s WHERE s.start_us BETWEEN $from AND $to");
            if (query.Policy is not null) sql.Append(" AND s.policy = $policy");
        }

        string spanService = query.ServiceName is null ? string.Empty : " AND p.service = $service";
        if (query.SpanName is { } name)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM spans p WHERE p.trace_id = s.trace_id{spanService} AND p.name = $name)");
            command.Parameters.AddWithValue("$name", name.ToLowerInvariant());
        }

        if (query.RemoteServiceName is { } remote)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM spans p WHERE p.trace_id = s.trace_id{spanService} AND p.remote_service = $remote)");
            command.Parameters.AddWithValue("$remote", remote.ToLowerInvariant());
        }

        if (query.MinDuration is { } min)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM spans p WHERE p.trace_id = s.trace_id{spanService} AND p.duration_us >= $min AND p.duration_us <= $max)");
            command.Parameters.AddWithValue("$min", min.Ticks / 10);
            command.Parameters.AddWithValue("$max", query.MaxDuration is { } max ? max.Ticks / 10 : long.MaxValue);
        }

        sql.Append(" ORDER BY s.start_us DESC, s.trace_id LIMIT $limit");
        command.Parameters.AddWithValue("$from", query.StartTs.ToUnixTimeMilliseconds() * 1000);
        command.Parameters.AddWithValue("$to", query.EndTs.ToUnixTimeMilliseconds() * 1000);
        command.Parameters.AddWithValue("$limit", limit);
        if (query.Policy is { } policy) command.Parameters.AddWithValue("$policy", policy);
        command.CommandText = sql.ToString();
        return command;
    }
}
