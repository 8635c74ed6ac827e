using System.Buffers;
using System.Text.Json;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;
using StreamJobs.Telemetry.Zipkin;

namespace StreamJobs.Cassandra.Traces;

/// <summary>
/// Turns traces into unlogged batches, one partition each: a trace's spans (split at
/// <see cref="TraceStoreOptions.MaxSpansPerBatch"/>), and the <c>traces_by_service</c> rows of all traces grouped by
/// (service, bucket). The spans' Zipkin JSON is written into one reusable buffer, and the bound blobs are slices of
/// it, so the JSON costs no allocation per span; the buffer must outlive the writes.
/// </summary>
internal sealed class TraceWritePlan(PreparedStatement insertSpan, PreparedStatement insertLookup, TraceStoreOptions options)
{
    private readonly long _bucketTicks = options.BucketSize.Ticks;

    /// <summary>
    /// Plans the writes of <paramref name="traces"/>; a trace whose spans cannot be serialized (e.g. text that is not
    /// valid UTF-16) gets its error in <paramref name="rejected"/> and no writes, and the others are planned as usual.
    /// </summary>
    public List<WriteUnit> Build(IReadOnlyList<TraceWrite> traces, ArrayBufferWriter<byte> json, Exception?[] rejected)
    {
        var units = new List<WriteUnit>(traces.Count + 8);
        var lookups = new Dictionary<(string Service, long Bucket), WriteUnit>();
        using var writer = new Utf8JsonWriter(json);
        for (int t = 0; t < traces.Count; t++)
        {
            TraceWrite write = traces[t];
            Trace trace = write.Trace;
            string traceId = trace.TraceId.ToString();
            int firstUnit = units.Count;
            try
            {
                AddSpans(units, t, traceId, trace.Spans, writer, json);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                units.RemoveRange(firstUnit, units.Count - firstUnit);
                rejected[t] = e;
                continue;
            }

            if (write.SpansOnly)
            {
                continue;
            }

            long bucket = trace.Start.UtcTicks / _bucketTicks * _bucketTicks;
            foreach (string service in TraceNames.Services(trace.Spans))
            {
                if (!lookups.TryGetValue((service, bucket), out var unit))
                {
                    unit = new WriteUnit(NewBatch(), -1, []);
                    lookups.Add((service, bucket), unit);
                    units.Add(unit);
                }

                if (unit.Statement.Statements.Count == ushort.MaxValue)
                {
                    unit = new WriteUnit(NewBatch(), -1, []);
                    lookups[(service, bucket)] = unit;
                    units.Add(unit);
                }

                unit.Statement.Add(BindLookup(service, bucket, traceId, write));
                unit.Traces!.Add(t);
            }
        }

        return units;
    }

    private void AddSpans(List<WriteUnit> units, int t, string traceId, IReadOnlyList<Span> spans, Utf8JsonWriter writer, ArrayBufferWriter<byte> json)
    {
        BatchStatement? batch = null;
        for (int s = 0; s < spans.Count; s++)
        {
            if (batch is null || batch.Statements.Count == options.MaxSpansPerBatch)
            {
                batch = NewBatch();
                units.Add(new WriteUnit(batch, t, null));
            }

            batch.Add(BindSpan(traceId, spans[s], writer, json));
        }
    }

    private BatchStatement NewBatch() => NewBatch(options);

    /// <summary>An empty unlogged, idempotent batch with the configured consistency.</summary>
    internal static BatchStatement NewBatch(TraceStoreOptions options)
    {
        var batch = new BatchStatement().SetBatchType(BatchType.Unlogged);
        batch.SetIdempotence(true);
        if (options.Consistency is { } consistency)
        {
            batch.SetConsistencyLevel(consistency);
        }

        return batch;
    }

    private BoundStatement BindSpan(string traceId, Span span, Utf8JsonWriter writer, ArrayBufferWriter<byte> json)
    {
        int start = json.WrittenCount;
        writer.Reset(json);
        ZipkinJsonWriter.Write(writer, span);
        writer.Flush();
        ReadOnlyMemory<byte> spanJson = json.WrittenMemory[start..];
        return insertSpan.Bind(
            traceId,
            span.Id.ToString(),
            span.Shared,
            span.ParentId is { } parent ? parent.ToString() : string.Empty,
            span.ServiceName ?? string.Empty,
            span.Name,
            SpanColumns.Kind(span.Kind),
            span.StartTime,
            span.DurationNanos,
            SpanColumns.IsError(span),
            SpanColumns.Tags(span),
            spanJson);
    }

    // Empty strings rather than nulls: with protocol v3 a bound null writes a tombstone.
    private BoundStatement BindLookup(string service, long bucket, string traceId, TraceWrite write)
    {
        Trace trace = write.Trace;
        return insertLookup.Bind(
            service,
            new DateTimeOffset(bucket, TimeSpan.Zero),
            trace.Start,
            traceId,
            trace.RootService ?? string.Empty,
            trace.Root.Name,
            trace.Duration.Ticks * 100,
            trace.HasError,
            trace.Spans.Count,
            write.Policy ?? string.Empty);
    }
}
