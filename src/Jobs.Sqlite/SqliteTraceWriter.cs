using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;

namespace StreamJobs.Sqlite;

/// <summary>
/// The one writing connection: a batch of traces is one transaction of prepared inserts (SQLite's cost is per
/// transaction, not per row), which is what lets a single core keep up with the kept traces.
/// </summary>
internal sealed class SqliteTraceWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _trace, _span, _service, _spanName, _remote, _link, _extend, _lateService;
    // Every prepared command, so joining a transaction and disposing cannot miss one.
    private readonly List<SqliteCommand> _prepared = [];
    private readonly ArrayBufferWriter<byte> _json = new(16 * 1024);
    private readonly Utf8JsonWriter _jsonWriter;

    public SqliteTraceWriter(SqliteConnection connection)
    {
        _connection = connection;
        _trace = Prepare(SqliteSchema.InsertTrace, "$trace", "$start", "$duration", "$policy", "$count");
        _span = Prepare(SqliteSchema.InsertSpan, "$trace", "$span", "$shared", "$service", "$remote", "$name", "$duration", "$json");
        _service = Prepare(SqliteSchema.InsertTraceService, "$service", "$start", "$trace");
        _spanName = Prepare(SqliteSchema.InsertSpanName, "$service", "$name");
        _remote = Prepare(SqliteSchema.InsertRemoteService, "$service", "$remote");
        _link = Prepare(SqliteSchema.InsertLink, "$trace", "$start", "$parent", "$child", "$calls", "$errors");
        _extend = Prepare(SqliteSchema.ExtendTrace, "$end", "$trace");
        _lateService = Prepare(SqliteSchema.InsertLateTraceService, "$service", "$trace");
        _jsonWriter = new Utf8JsonWriter(_json);
    }

    public void Write(IReadOnlyList<TraceWrite> traces)
    {
        using SqliteTransaction transaction = _connection.BeginTransaction();
        foreach (SqliteCommand command in _prepared)
        {
            command.Transaction = transaction;
        }

        foreach (TraceWrite write in traces)
        {
            WriteTrace(write);
        }

        transaction.Commit();
    }

    private void WriteTrace(TraceWrite write)
    {
        Trace trace = write.Trace;
        string traceId = trace.TraceId.ToString();
        foreach (Span span in trace.Spans)
        {
            _json.ResetWrittenCount();
            SpanJson.Write(_jsonWriter, _json, span);
            Run(_span, traceId, span.Id.ToString(), span.Shared ? 1 : 0, Lower(span.ServiceName), Lower(span.RemoteEndpoint?.ServiceName),
                span.Name.ToLowerInvariant(), span.DurationNanos / 1000, _json.WrittenSpan.ToArray());
        }

        foreach (var (service, name) in TraceNames.SpanNames(trace.Spans)) Run(_spanName, service, name);
        foreach (var (service, remote) in TraceNames.RemoteServiceNames(trace.Spans)) Run(_remote, service, remote);
        if (write.SpansOnly)
        {
            WriteLate(trace, traceId);
            return;
        }

        long start = trace.Root.StartTimeUnixNanos / 1000;
        Run(_trace, traceId, start, trace.Duration.Ticks / 10, (object?)write.Policy ?? DBNull.Value, trace.Spans.Count);
        foreach (string service in TraceNames.Services(trace.Spans)) Run(_service, service, start, traceId);
        foreach (DependencyLink link in DependencyLinker.Link(trace.Spans))
        {
            Run(_link, traceId, start, link.Parent, link.Child, link.CallCount, link.ErrorCount);
        }
    }

    private void WriteLate(Trace trace, string traceId)
    {
        long end = 0;
        foreach (Span span in trace.Spans) end = Math.Max(end, (span.StartTimeUnixNanos + span.DurationNanos) / 1000);
        Run(_extend, end, traceId);
        foreach (string service in TraceNames.Services(trace.Spans)) Run(_lateService, service, traceId);
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    private static string Lower(string? name) => name?.ToLowerInvariant() ?? string.Empty;

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        SqliteCommand command = _connection.CreateCommand();
        _prepared.Add(command);
        command.CommandText = sql;
        foreach (string name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    public void Dispose()
    {
        _jsonWriter.Dispose();
        foreach (SqliteCommand command in _prepared)
        {
            command.Dispose();
        }
    }
}
