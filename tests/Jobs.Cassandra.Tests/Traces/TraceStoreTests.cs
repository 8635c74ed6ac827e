using Microsoft.Extensions.Logging;
using StreamJobs.Cassandra.Tests.Support;
using StreamJobs.Cassandra.Tests.Traces.Support;
using StreamJobs.Cassandra.Traces;
using StreamJobs.Telemetry.Storage;

namespace StreamJobs.Cassandra.Tests.Traces;

[Collection(CassandraCollection.Name)]
public sealed class TraceStoreTests(CassandraFixture fixture)
{
    [Fact]
    public async Task Creating_the_schema_twice_works_and_logs_what_the_server_version_substituted()
    {
        var first = new CapturingLogger();
        var second = new CapturingLogger();
        var store = await TraceStore.CreateAsync(fixture.Session, TraceStores.Options(), first);
        await TraceStore.CreateAsync(fixture.Session, TraceStores.Options(), second);

        Assert.True(store.TableOptions.IsSubstituted);
        Assert.Equal("SizeTieredCompactionStrategy", store.TableOptions.CompactionStrategy);
        foreach (var log in new[] { first, second })
        {
            var warning = Assert.Single(log.Lines, l => l.Level == LogLevel.Warning);
            Assert.Contains("TimeWindowCompactionStrategy", warning.Message);
            Assert.Contains("ZstdCompressor", warning.Message);
            Assert.Contains("2.1.0", warning.Message);
        }

        var tables = await fixture.Session.ExecuteAsync(new SimpleStatement(
            "SELECT columnfamily_name, compaction_strategy_class, default_time_to_live FROM system.schema_columnfamilies WHERE keyspace_name = ?",
            TraceStores.Keyspace));
        var byName = tables.ToDictionary(r => r.GetValue<string>("columnfamily_name"), r => (Strategy: r.GetValue<string>("compaction_strategy_class"), Ttl: r.GetValue<int>("default_time_to_live")));
        Assert.Contains("SizeTieredCompactionStrategy", byName["spans_by_trace"].Strategy);
        Assert.Equal(86400, byName["spans_by_trace"].Ttl);
        Assert.Equal(86400, byName["traces_by_service"].Ttl);
    }

    [Fact]
    public async Task A_written_trace_reads_back_by_id_with_every_span_field()
    {
        var store = await TraceStore.CreateAsync(fixture.Session, TraceStores.Options());
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        var trace = TraceBuilder.Make("checkout", "payments", start, spanCount: 4, error: true);

        await store.WriteAsync([new TraceWrite(trace, "errors")]);
        var spans = (await store.GetTraceAsync(trace.TraceId))!.Spans;

        Assert.Equal(4, spans.Count);
        var expected = trace.Spans.OrderBy(s => s.StartTimeUnixNanos).ToList();
        for (int i = 0; i < spans.Count; i++)
        {
            Assert.Equal(expected[i].Id, spans[i].Id);
            Assert.Equal(expected[i].ParentId, spans[i].ParentId);
            Assert.Equal(expected[i].Name, spans[i].Name);
            Assert.Equal(expected[i].Kind, spans[i].Kind);
            Assert.Equal(expected[i].ServiceName, spans[i].ServiceName);
            Assert.Equal(expected[i].StartTimeUnixNanos / 1000, spans[i].StartTimeUnixNanos / 1000);
            Assert.Equal(expected[i].DurationNanos, spans[i].DurationNanos);
            Assert.Equal(expected[i].Attributes.Select(a => (a.Key, a.Value.ToString())), spans[i].Attributes.Select(a => (a.Key, a.Value.ToString())));
        }

        var columns = Assert.Single(await fixture.Session.ExecuteAsync(new SimpleStatement(
            $"SELECT error, kind, tags FROM {TraceStores.Keyspace}.spans_by_trace WHERE trace_id = ? AND span_id = ? AND shared = false",
            trace.TraceId.ToString(), expected[3].Id.ToString())));
        Assert.True(columns.GetValue<bool>("error"));
        Assert.Equal("CLIENT", columns.GetValue<string>("kind"));
        Assert.Equal("503", columns.GetValue<Dictionary<string, string>>("tags")["http.status_code"]);
    }

    [Fact]
    public async Task An_unknown_trace_reads_as_null()
    {
        var store = await TraceStore.CreateAsync(fixture.Session, TraceStores.Options());

        Assert.Null(await store.GetTraceAsync(TraceBuilder.NewTraceId()));
    }

    [Fact]
    public async Task Traces_are_found_by_any_service_they_touched_newest_first_within_the_range()
    {
        var store = await TraceStore.CreateAsync(fixture.Session, TraceStores.Options());
        string edge = TraceStores.UniqueService("edge");
        string db = TraceStores.UniqueService("db");
        var now = DateTimeOffset.UtcNow;
        // Spread over three hourly buckets, plus one outside the queried range.
        var traces = new[] { -170, -95, -61, -30, -2 }.Select(m => TraceBuilder.Make(edge, db, now.AddMinutes(m))).ToList();

        await store.WriteAsync(traces.Select((t, i) => new TraceWrite(t, i % 2 == 0 ? "always" : null)).ToList());
        var found = await store.FindTracesAsync(edge, now.AddMinutes(-120), now);
        var byDownstream = await store.FindTracesAsync(db, now.AddMinutes(-120), now, limit: 2);

        Assert.Equal(traces.Skip(1).Reverse().Select(t => t.TraceId), found.Select(s => s.TraceId));
        Assert.Equal(traces.TakeLast(2).Reverse().Select(t => t.TraceId), byDownstream.Select(s => s.TraceId));
        var newest = found[0];
        Assert.Equal(edge, newest.Service);
        Assert.Equal("always", newest.Policy);
        Assert.Null(found[1].Policy);
        Assert.Equal(edge, newest.RootService);
        Assert.Equal("GET /checkout", newest.RootName);
        Assert.Equal(3, newest.SpanCount);
        Assert.Equal(traces[4].Start.ToUnixTimeMilliseconds(), newest.Start.ToUnixTimeMilliseconds());
        Assert.Equal(traces[4].Duration, newest.Duration);
    }
}
