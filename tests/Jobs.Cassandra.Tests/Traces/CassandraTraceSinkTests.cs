using Stopwatch = System.Diagnostics.Stopwatch;
using System.Runtime.CompilerServices;
using StreamJobs.Cassandra.Tests.Support;
using StreamJobs.Cassandra.Tests.Traces.Support;
using StreamJobs.Cassandra.Traces;
using StreamJobs.Telemetry.Storage;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;
using Xunit.Abstractions;

namespace StreamJobs.Cassandra.Tests.Traces;

[Collection(CassandraCollection.Name)]
public sealed class CassandraTraceSinkTests(CassandraFixture fixture, ITestOutputHelper output)
{
    /// <summary>A record like the sampler's output: a trace and the policy that kept it.</summary>
    private sealed record Kept(Trace Trace, string Policy);

    [Fact]
    public async Task Traces_written_through_an_engine_graph_read_back_and_complete_their_receipts()
    {
        var receipts = new ReceiptProbe();
        string service = TraceStores.UniqueService("shop");
        var now = DateTimeOffset.UtcNow;
        var traces = Enumerable.Range(0, 20).Select(i => TraceBuilder.Make(service, "users", now.AddSeconds(-i), 2 + (i % 4), i % 5 == 0, receipts)).ToList();
        var logger = new CapturingLogger();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 8, LoggerFactory = logger });

        var sink = CassandraTraceSink.Create<Kept>(fixture.Session, TraceStores.Options(), k => new TraceWrite(k.Trace, k.Policy));
        await Source.From(traces.Select(t => new Kept(t, t.HasError ? "errors" : "latency"))).RunWith(sink, materializer);

        Assert.Equal(receipts.Issued, receipts.Completed);
        var store = await TraceStore.CreateAsync(fixture.Session, TraceStores.Options());
        foreach (var trace in traces)
        {
            var spans = (await store.GetTraceAsync(trace.TraceId))!.Spans;
            Assert.Equal(trace.Spans.Select(s => s.Id.Value).Order(), spans.Select(s => s.Id.Value).Order());
        }

        var found = await store.FindTracesAsync(service, now.AddMinutes(-1), now.AddSeconds(1), limit: 100);
        Assert.Equal(traces.Select(t => t.TraceId), found.Select(f => f.TraceId));
        Assert.All(found, f => Assert.Equal(f.HasError ? "errors" : "latency", f.Policy));
        Assert.Contains(logger.Lines, l => l.Message.Contains("Trace store ready", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replaying_the_same_batch_twice_gives_the_same_rows()
    {
        var store = await TraceStore.CreateAsync(fixture.Session, TraceStores.Options());
        string service = TraceStores.UniqueService("replay");
        var now = DateTimeOffset.UtcNow;
        var traces = Enumerable.Range(0, 30).Select(i => TraceBuilder.Make(service, "db", now.AddSeconds(-i), 3 + (i % 3))).ToList();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 16 });

        await Source.From(traces).RunWith(CassandraTraceSink.Create(store), materializer);
        var firstLookup = await store.FindTracesAsync(service, now.AddMinutes(-1), now, limit: 1000);
        var firstRows = await CountSpanRowsAsync(traces);
        await Source.From(traces).RunWith(CassandraTraceSink.Create(store), materializer);
        var secondLookup = await store.FindTracesAsync(service, now.AddMinutes(-1), now, limit: 1000);
        var secondRows = await CountSpanRowsAsync(traces);

        Assert.Equal(traces.Sum(t => t.Spans.Count), firstRows);
        Assert.Equal(firstRows, secondRows);
        Assert.Equal(30, firstLookup.Count);
        Assert.Equal(firstLookup, secondLookup);
    }

    [Fact]
    public async Task A_trace_the_server_refuses_is_dead_lettered_and_the_others_are_written()
    {
        var receipts = new ReceiptProbe();
        string service = TraceStores.UniqueService("refused");
        var now = DateTimeOffset.UtcNow;
        var good = Enumerable.Range(0, 5).Select(i => TraceBuilder.Make(service, "db", now.AddSeconds(-i), receipts: receipts)).ToList();
        // A partition key over 64 KiB: Cassandra rejects the traces_by_service row whatever the retries.
        var refused = TraceBuilder.Make(new string('x', 70_000), "db", now, receipts: receipts);
        var deadLetters = new DeadLetterLog();
        await using var materializer = new Materializer(new MaterializerSettings { DeadLetters = deadLetters });
        var store = await TraceStore.CreateAsync(fixture.Session, TraceStores.Options());

        await Source.From(good.Append(refused)).RunWith(CassandraTraceSink.Create(store), materializer);

        var letter = Assert.Single(deadLetters.Recent());
        Assert.Same(refused, letter.Record);
        Assert.Contains(refused.TraceId.ToString(), letter.Error.Message);
        Assert.IsAssignableFrom<InvalidQueryException>(letter.Error.InnerException);
        Assert.Empty(receipts.Missing());
        Assert.Equal(good.Sum(t => t.Spans.Count), await CountSpanRowsAsync(good));
        Assert.Equal(5, (await store.FindTracesAsync(service, now.AddMinutes(-1), now)).Count);
    }

    [Fact]
    public async Task A_thousand_traces_are_stored_and_the_rate_is_reported()
    {
        var receipts = new ReceiptProbe();
        var traces = TraceBuilder.Synthetic(1000, seed: Random.Shared.Next(), DateTimeOffset.UtcNow, receipts);
        int spanCount = traces.Sum(t => t.Spans.Count);
        var store = await TraceStore.CreateAsync(fixture.Session, TraceStores.Options());
        await using var materializer = new Materializer();

        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        await Source.From(traces).RunWith(CassandraTraceSink.Create(store), materializer);
        watch.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;

        output.WriteLine($"{traces.Count} traces, {spanCount} spans in {watch.Elapsed.TotalSeconds:0.00} s: "
            + $"{traces.Count / watch.Elapsed.TotalSeconds:0} traces/s, {spanCount / watch.Elapsed.TotalSeconds:0} spans/s, "
            + $"{allocated / spanCount} bytes allocated per span in the whole process");
        Assert.Equal(receipts.Issued, receipts.Completed);
        Assert.Equal(spanCount, await CountSpanRowsAsync(traces));
    }

    [Fact]
    public async Task A_Cassandra_restart_during_the_write_loses_no_trace()
    {
        await using var cluster = CassandraEndpoint.NewBuilder()
            .WithRetries(2, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200))
            .WithRequestTimeout(TimeSpan.FromSeconds(5))
            .Build();
        await using var session = await cluster.ConnectAsync();
        var options = TraceStores.Options(o => o.RetryMaxDelay = TimeSpan.FromSeconds(1));
        var logger = new CapturingLogger();
        var store = await TraceStore.CreateAsync(session, options, logger);
        var receipts = new ReceiptProbe();
        string service = TraceStores.UniqueService("outage");
        var now = DateTimeOffset.UtcNow;
        var traces = Enumerable.Range(0, 300).Select(i => TraceBuilder.Make(service, "db", now.AddMilliseconds(-i), 3, receipts: receipts)).ToList();
        var halfWritten = new TaskCompletionSource();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 10 });

        var written = Source.FromAsyncEnumerable(Paced(traces, halfWritten)).RunWith(CassandraTraceSink.Create(store), materializer);
        await halfWritten.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var watch = Stopwatch.StartNew();
        try
        {
            output.WriteLine(await ServerScripts.RunAsync("stop-cassandra.sh", TimeSpan.FromSeconds(90)));
        }
        finally
        {
            output.WriteLine(await ServerScripts.RunAsync("start-cassandra.sh", TimeSpan.FromSeconds(200)));
        }

        await written.WaitAsync(TimeSpan.FromSeconds(120));
        output.WriteLine($"restart and catch-up: {watch.Elapsed.TotalSeconds:0.0} s, {store.WriteRetries} store-level retries");

        Assert.True(store.WriteRetries > 0, "the writes never saw the outage");
        Assert.Contains(logger.Lines, l => l.Message.Contains("Cassandra trace writes are failing", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Message.Contains("Cassandra trace writes recovered", StringComparison.Ordinal));
        Assert.Empty(receipts.Missing());
        Assert.Equal(900, await CountSpanRowsAsync(traces));
        var found = await store.FindTracesAsync(service, now.AddMinutes(-1), now, limit: 1000);
        Assert.Equal(300, found.Count);
    }

    /// <summary>Emits the traces a few at a time, signalling after the first half so the server can be stopped mid-stream.</summary>
    private static async IAsyncEnumerable<Trace> Paced(List<Trace> traces, TaskCompletionSource halfWritten, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = 0; i < traces.Count; i++)
        {
            if (i == traces.Count / 2)
            {
                halfWritten.TrySetResult();
            }

            if (i % 5 == 0)
            {
                await Task.Delay(20, cancellationToken);
            }

            yield return traces[i];
        }
    }

    private async Task<int> CountSpanRowsAsync(IEnumerable<Trace> traces)
    {
        int total = 0;
        foreach (var chunk in traces.Chunk(50))
        {
            var counts = await Task.WhenAll(chunk.Select(async t =>
            {
                var rows = await fixture.Session.ExecuteAsync(new SimpleStatement(
                    $"SELECT span_id FROM {TraceStores.Keyspace}.spans_by_trace WHERE trace_id = ?", t.TraceId.ToString()));
                return rows.Count();
            }));
            total += counts.Sum();
        }

        return total;
    }
}
