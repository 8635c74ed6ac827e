using System.Text.Json;
using StreamJobs.Mql.Tests.Support;
using Xunit;
using static StreamJobs.Mql.Tests.Support.TraceBuilder;

namespace StreamJobs.Mql.Tests;

public class MqlAggregatorTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static MqlAggregator<TestTrace> Aggregator(string query, ManualTimeProvider clock) =>
        Mql.Parse(query).Compile(TestSchemas.Trace).CreateAggregator(clock);

    private static double Number(MqlRow row, string column) =>
        JsonDocument.Parse(row.Utf8Json).RootElement.GetProperty(column).GetDouble();

    [Fact]
    public void Tumbling_window_emits_only_once_the_clock_reaches_its_end()
    {
        var clock = new ManualTimeProvider(Start);
        var aggregator = Aggregator("select count(*) as 'n' window 10", clock);

        aggregator.Add(Trace());
        clock.Advance(TimeSpan.FromSeconds(4));
        aggregator.Add(Trace());
        Assert.Empty(aggregator.Poll());
        Assert.Equal(Start.AddSeconds(10), aggregator.NextWindowEnd);

        clock.Advance(TimeSpan.FromSeconds(6));
        aggregator.Add(Trace());
        var rows = aggregator.Poll();

        var row = Assert.Single(rows);
        Assert.Equal(2, Number(row, "n"));
        Assert.Equal(Start, row.WindowStart);
        Assert.Equal(Start.AddSeconds(10), row.WindowEnd);
        Assert.Equal(1, Number(Assert.Single(aggregator.Flush()), "n"));
    }

    [Fact]
    public void Sliding_window_counts_a_record_in_every_window_covering_it()
    {
        var clock = new ManualTimeProvider(Start);
        var aggregator = Aggregator("select count(*) as 'n' window 30 10", clock);

        aggregator.Add(Trace(), Start.AddSeconds(25));
        aggregator.Add(Trace(), Start.AddSeconds(35));
        clock.Advance(TimeSpan.FromSeconds(100));
        var rows = aggregator.Poll();

        Assert.Equal(
            [(0, 1), (10, 2), (20, 2), (30, 1)],
            rows.Select(r => ((int)(r.WindowStart!.Value - Start).TotalSeconds, (int)Number(r, "n"))));
        Assert.All(rows, r => Assert.Equal(TimeSpan.FromSeconds(30), r.WindowEnd - r.WindowStart));
    }

    [Fact]
    public void Records_for_closed_windows_are_dropped_and_counted()
    {
        var clock = new ManualTimeProvider(Start.AddSeconds(20));
        var aggregator = Aggregator("select count(*) window 10", clock);
        aggregator.Poll();

        aggregator.Add(Trace(), Start.AddSeconds(5));
        aggregator.Add(Trace(), Start.AddSeconds(25));

        Assert.Equal(1, aggregator.LateRecords);
        Assert.Equal(1, aggregator.AcceptedRecords);
    }

    [Fact]
    public void Where_filters_before_aggregating()
    {
        var aggregator = Aggregator("select count(*) as 'n' where error == true", new ManualTimeProvider(Start));

        aggregator.Add(Trace(error: true));
        aggregator.Add(Trace(error: false));

        Assert.Equal(1, Number(Assert.Single(aggregator.Flush()), "n"));
        Assert.Empty(aggregator.Poll());
    }

    [Fact]
    public void Percentiles_match_a_sorted_reference()
    {
        var random = new Random(42);
        var durations = Enumerable.Range(0, 1001).Select(_ => (long)random.Next(1, 1_000_000)).ToArray();
        var aggregator = Aggregator("select p50(durationMicros) as 'p50', p90(durationMicros) as 'p90', p99(durationMicros) as 'p99'", new ManualTimeProvider(Start));
        foreach (var d in durations)
        {
            aggregator.Add(Trace(durationMicros: d));
        }

        var row = Assert.Single(aggregator.Flush());

        var sorted = durations.Order().ToArray();
        // With 1001 values the ranks p·(n−1) are whole numbers, so the reference is a plain index.
        Assert.Equal(sorted[500], Number(row, "p50"));
        Assert.Equal(sorted[900], Number(row, "p90"), 6);
        Assert.Equal(sorted[990], Number(row, "p99"), 6);
    }

    [Theory]
    [InlineData("select traceId, count(*) as 'n' group by traceId window 10")]
    [InlineData("select traceId order by traceId window 10")]
    public void Rows_past_MaxHeldRows_are_counted_not_held_and_a_closed_window_frees_its_rows(string query)
    {
        var clock = new ManualTimeProvider(Start);
        var options = new MqlCompileOptions { Limits = new MqlLimits { MaxHeldRows = 3 } };
        var aggregator = Mql.Parse(query).Compile(TestSchemas.Trace, options).CreateAggregator(clock);

        foreach (var id in new[] { "a", "b", "c", "d", "e" }) aggregator.Add(Trace(traceId: id));
        Assert.Equal(2, aggregator.OverCapacityRecords);

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(["a", "b", "c"], aggregator.Poll().Select(r => JsonDocument.Parse(r.Utf8Json).RootElement.GetProperty("traceId").GetString()));
        aggregator.Add(Trace(traceId: "f"));
        Assert.Equal(2, aggregator.OverCapacityRecords);
        Assert.Equal("f", JsonDocument.Parse(Assert.Single(aggregator.Flush()).Utf8Json).RootElement.GetProperty("traceId").GetString());
    }

    [Fact]
    public void Distinct_counts_and_sums_each_value_once_per_group()
    {
        var aggregator = Aggregator("select service, count(distinct traceId) as 'traces', sum(distinct durationMicros) as 'total' group by service order by service", new ManualTimeProvider(Start));
        foreach (var (id, service, duration) in new[] { ("a", "x", 10L), ("a", "x", 10L), ("b", "x", 20L), ("c", "y", 5L), ("c", "y", 7L) })
        {
            aggregator.Add(Trace(traceId: id, service: service, durationMicros: duration));
        }

        Assert.Equal(
            ["""{"service":"x","traces":2,"total":30}""", """{"service":"y","traces":1,"total":12}"""],
            aggregator.Flush().Select(r => r.ToString()));
    }

    [Fact]
    public void Group_keys_can_come_from_nested_typed_paths()
    {
        var aggregator = Aggregator("select resource.region, max(spans[*].durationMicros) as 'slowest' group by resource.region", new ManualTimeProvider(Start));
        aggregator.Add(Trace(resource: new TestResource("eu", 1, null), spans: [Span("a", durationMicros: 7), Span("b", durationMicros: 9)]));
        aggregator.Add(Trace(resource: new TestResource("eu", 1, null), spans: [Span("c", durationMicros: 3)]));

        // A multi-valued argument contributes its first value per record.
        Assert.Equal("""{"resource.region":"eu","slowest":7}""", Assert.Single(aggregator.Flush()).ToString());
    }

    [Fact]
    public void Ordered_non_aggregating_query_buffers_and_sorts_per_window()
    {
        var clock = new ManualTimeProvider(Start);
        var aggregator = Aggregator("select traceId order by durationMicros desc limit 2 window 5", clock);
        aggregator.Add(Trace(traceId: "a", durationMicros: 1));
        aggregator.Add(Trace(traceId: "b", durationMicros: 3));
        aggregator.Add(Trace(traceId: "c", durationMicros: 2));
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["""{"traceId":"b"}""", """{"traceId":"c"}"""], aggregator.Poll().Select(r => r.ToString()));
    }
}
