using StreamJobs.EndToEnd.Tests.Support;

namespace StreamJobs.EndToEnd.Tests;

/// <summary>
/// Kafka → <c>streamjobs run --kafka --cassandra</c> (kafka-spans → span-buffer → tail-sampler → trace-store) →
/// Cassandra, against the real servers. Each test has its own topic, group and keyspace. In the server-outage
/// collection, so the test that stops Cassandra never runs beside a test of another class.
/// </summary>
[Collection(ServerOutageCollection.Name)]
public sealed class TracePathEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Sampled_traces_reach_Cassandra_as_the_policies_decide_in_process_and_every_span_is_committed()
    {
        await using var pipeline = await TracePipeline.CreateAsync("e2ea", traces: 300, seed: 7);
        await pipeline.ProduceAsync(pipeline.Traces);

        await using var host = pipeline.StartHost();
        await pipeline.WaitForStoredAsync(pipeline.Kept.Count, host, Patience);

        Assert.InRange(pipeline.Kept.Count, 10, 290); // the policies really chose
        await pipeline.AssertStoredExactlyAsync();
        // Committed to the end: the receipts of dropped traces were completed too, not only the stored ones.
        await pipeline.WaitForAllCommittedAsync(host, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_host_killed_mid_stream_and_restarted_stores_every_kept_trace_once()
    {
        await using var pipeline = await TracePipeline.CreateAsync("e2eb", traces: 300, seed: 11);
        var thirds = pipeline.Traces.Chunk(100).ToArray();

        await using (var first = pipeline.StartHost())
        {
            await pipeline.ProduceAsync(thirds[0]);
            await pipeline.WaitForStoredAsync(1, first, Patience);
            await pipeline.ProduceAsync(thirds[1]);
            await first.KillAsync(); // no drain, no last commit: whatever was in flight is replayed
        }

        Assert.True((await pipeline.StoredKeptAsync()).Count < pipeline.Kept.Count, "the kill should come before everything was stored");
        await pipeline.ProduceAsync(thirds[2]);
        await using var second = pipeline.StartHost();
        await pipeline.WaitForStoredAsync(pipeline.Kept.Count, second, Patience);

        await pipeline.AssertStoredExactlyAsync();
        await pipeline.WaitForAllCommittedAsync(second, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Cassandra_stopped_mid_stream_holds_the_pipeline_back_and_loses_nothing()
    {
        await using var pipeline = await TracePipeline.CreateAsync("e2ec", traces: 300, seed: 13);
        var thirds = pipeline.Traces.Chunk(100).ToArray();

        await using var host = pipeline.StartHost();
        await pipeline.ProduceAsync(thirds[0]);
        await pipeline.WaitForStoredAsync(1, host, Patience);

        await Servers.RunScriptAsync(TimeSpan.FromSeconds(90), "stop-cassandra.sh");
        try
        {
            await pipeline.ProduceAsync(thirds[1]);
            await pipeline.ProduceAsync(thirds[2]);
            await Task.Delay(TimeSpan.FromSeconds(3)); // traces are decided and the sink retries meanwhile
            Assert.True(Servers.CommittedTotal(pipeline.Topic, pipeline.Group, pipeline.Partitions) < pipeline.SpanCount,
                "nothing written during the outage may be committed");
        }
        finally
        {
            await Servers.RunScriptAsync(TimeSpan.FromSeconds(180), "start-cassandra.sh");
        }

        await pipeline.WaitForStoredAsync(pipeline.Kept.Count, host, Patience);
        Assert.False(host.HasExited);
        await pipeline.AssertStoredExactlyAsync();
        await pipeline.WaitForAllCommittedAsync(host, TimeSpan.FromSeconds(30));
    }
}
