using System.Buffers;
using System.Text;
using StreamJobs.Cassandra.Tests.Support;
using StreamJobs.Cassandra.Tests.Traces.Support;
using StreamJobs.Cassandra.Traces;
using StreamJobs.Telemetry.Storage;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Cassandra.Tests.Traces;

public sealed class TraceWritePlanTests
{
    // Marker types only matter when encoding, which these tests never do (the map marker stands in as a blob).
    private static readonly PreparedStatement InsertSpan = PreparedStatements.With(
        ("trace_id", ColumnTypeCode.Varchar), ("span_id", ColumnTypeCode.Varchar), ("shared", ColumnTypeCode.Boolean),
        ("parent_id", ColumnTypeCode.Varchar), ("service", ColumnTypeCode.Varchar), ("name", ColumnTypeCode.Varchar),
        ("kind", ColumnTypeCode.Varchar), ("start", ColumnTypeCode.Timestamp), ("duration_ns", ColumnTypeCode.Bigint),
        ("error", ColumnTypeCode.Boolean), ("tags", ColumnTypeCode.Blob), ("span_json", ColumnTypeCode.Blob));

    private static readonly PreparedStatement InsertLookup = PreparedStatements.With(
        ("service", ColumnTypeCode.Varchar), ("bucket", ColumnTypeCode.Timestamp), ("start", ColumnTypeCode.Timestamp),
        ("trace_id", ColumnTypeCode.Varchar), ("root_service", ColumnTypeCode.Varchar), ("root_name", ColumnTypeCode.Varchar),
        ("duration_ns", ColumnTypeCode.Bigint), ("error", ColumnTypeCode.Boolean), ("span_count", ColumnTypeCode.Int),
        ("policy", ColumnTypeCode.Varchar));

    [Fact]
    public void Spans_of_a_trace_share_batches_of_at_most_the_configured_size()
    {
        var plan = new TraceWritePlan(InsertSpan, InsertLookup, new TraceStoreOptions { MaxSpansPerBatch = 4 });
        var trace = TraceBuilder.Make("api", "db", DateTimeOffset.UtcNow, spanCount: 10);

        var units = plan.Build([new TraceWrite(trace, spansOnly: true)], new ArrayBufferWriter<byte>(), new Exception?[4]);

        Assert.Equal([4, 4, 2], units.Select(u => u.Statement.Statements.Count));
        Assert.All(units, u => Assert.Equal(BatchType.Unlogged, u.Statement.BatchType));
        Assert.All(units, u => Assert.True(u.Statement.IsIdempotent));
        Assert.All(units, u => Assert.Equal(0, u.Trace));
    }

    [Fact]
    public void Lookup_rows_are_grouped_by_service_and_bucket_across_traces()
    {
        var plan = new TraceWritePlan(InsertSpan, InsertLookup, new TraceStoreOptions());
        var hour = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
        var traces = new[]
        {
            new TraceWrite(TraceBuilder.Make("api", "db", hour.AddMinutes(5))),
            new TraceWrite(TraceBuilder.Make("api", "db", hour.AddMinutes(50))),
            new TraceWrite(TraceBuilder.Make("api", "db", hour.AddMinutes(65))),
            new TraceWrite(TraceBuilder.Make("api", "db", hour.AddMinutes(6)), spansOnly: true),
        };

        var lookups = plan.Build(traces, new ArrayBufferWriter<byte>(), new Exception?[4]).Where(u => u.Traces is not null).ToList();

        // (api, 10:00), (db, 10:00), (api, 11:00), (db, 11:00); the spans-only trace adds no row.
        Assert.Equal(4, lookups.Count);
        Assert.Equal([0, 1], lookups[0].Traces!);
        Assert.Equal([0, 1], lookups[1].Traces!);
        Assert.Equal([2], lookups[2].Traces!);
        var first = (BoundStatement)lookups[0].Statement.Statements[0];
        Assert.Equal("api", first.Values[0]);
        Assert.Equal(hour, first.Values[1]);
        Assert.Equal(string.Empty, first.Values[9]);
    }

    [Fact]
    public void Each_span_is_bound_with_its_own_zipkin_json()
    {
        var plan = new TraceWritePlan(InsertSpan, InsertLookup, new TraceStoreOptions());
        var trace = TraceBuilder.Make("api", "db", DateTimeOffset.UtcNow, spanCount: 3);
        var buffer = new ArrayBufferWriter<byte>();

        var spanBatch = plan.Build([new TraceWrite(trace, spansOnly: true)], buffer, new Exception?[1]).Single().Statement;

        for (int i = 0; i < 3; i++)
        {
            var values = ((BoundStatement)spanBatch.Statements[i]).Values;
            string json = Encoding.UTF8.GetString(((ReadOnlyMemory<byte>)values[11]!).Span);
            Assert.StartsWith("{", json, StringComparison.Ordinal);
            Assert.Contains($"\"id\":\"{trace.Spans[i].Id}\"", json, StringComparison.Ordinal);
            Assert.Equal(trace.Spans[i].Id.ToString(), values[1]);
        }
    }

    [Fact]
    public void Text_that_is_not_valid_utf16_is_escaped_not_fatal()
    {
        var plan = new TraceWritePlan(InsertSpan, InsertLookup, new TraceStoreOptions());
        var broken = TraceBuilder.Make("api", "db", DateTimeOffset.UtcNow);
        var bad = new Span { TraceId = broken.TraceId, Id = new SpanId(7), Name = "half a surrogate \uD800", ServiceName = "api" };
        var badTrace = Trace.Create(broken.TraceId, [.. broken.Spans, bad]);
        var rejected = new Exception?[1];

        var units = plan.Build([new TraceWrite(badTrace, spansOnly: true)], new ArrayBufferWriter<byte>(), rejected);

        Assert.Null(rejected[0]);
        var values = ((BoundStatement)units.Single().Statement.Statements[3]).Values;
        var parsed = StreamJobs.Telemetry.Zipkin.ZipkinJsonParser.Parse([(byte)'[', .. ((ReadOnlyMemory<byte>)values[11]!).Span, (byte)']']);
        Assert.Empty(parsed.Errors);
        Assert.StartsWith("half a surrogate", Assert.Single(parsed.Spans).Name, StringComparison.Ordinal);
    }
}
