using StreamJobs.EndToEnd.Tests.Support;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.EndToEnd.Tests;

/// <summary>
/// Three <c>streamjobs run --kafka --cassandra</c> replicas in one consumer group on a 6-partition spans topic, against
/// the real servers: one is killed mid-stream, another joins while spans flow, and every trace the policies keep must
/// still be stored once and whole (never decided on part of its spans), with every span committed.
/// </summary>
public sealed class ScaleOutEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    // Traces stay open 3 s: a member giving partitions up then surely holds spans of them, even when it lags on a busy machine.
    private static readonly string[] LongerTraceWindows = ["--StreamJobs:Jobs:span-buffer:QuietWait=00:00:03", "--StreamJobs:Jobs:span-buffer:MaxTraceAge=00:00:10"];

    [Fact]
    public async Task Replicas_share_the_topic_and_a_kill_and_a_join_mid_stream_store_every_kept_trace_once()
    {
        await using var pipeline = await TracePipeline.CreateAsync("e2es", traces: 900, seed: 19, partitions: 6);
        var chunks = pipeline.Traces.Chunk(150).ToArray();
        var replicas = new List<HostProcess>();
        try
        {
            for (var i = 0; i < 3; i++) replicas.Add(pipeline.StartHost(LongerTraceWindows));
            foreach (var replica in replicas) Assert.True(await replica.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), "a replica did not get ready:\n" + TracePipeline.Log(replica));
            var (a, b, c) = (replicas[0], replicas[1], replicas[2]);

            await pipeline.ProduceAsync(chunks[0]);
            await pipeline.WaitForStoredAsync(1, a, Patience);
            await pipeline.ProduceAsync(chunks[1]);
            await c.KillAsync(); // its partitions move to a and b after the session timeout; what it held is replayed

            await pipeline.ProduceAsync(chunks[2]);
            await WaitUntilAsync(async () => await HostMetrics.PartitionsAssignedAsync(a, pipeline.Group) + await HostMetrics.PartitionsAssignedAsync(b, pipeline.Group) == 6,
                "a and b to take over the partitions of the killed replica");

            // d joins while spans flow, so the members giving it partitions hold traces of them in part: slices go out
            // every 400 ms until d has partitions and a little after, then the rest at once.
            var slices = new Queue<Trace[]>(chunks[3..].SelectMany(chunk => chunk).Chunk(10));
            var d = pipeline.StartHost(LongerTraceWindows);
            replicas.Add(d);
            var afterJoin = 3;
            while (slices.Count > 0 && afterJoin > 0)
            {
                await pipeline.ProduceAsync(slices.Dequeue());
                await Task.Delay(400);
                if (await AssignedWhileStartingAsync(d, pipeline.Group) > 0) afterJoin--;
            }
            Assert.True(afterJoin == 0, "the new replica got no partitions while spans were produced:\n" + TracePipeline.Log(d));
            await pipeline.ProduceAsync(slices.SelectMany(slice => slice));

            await pipeline.WaitForStoredAsync(pipeline.Kept.Count, d, Patience);
            await pipeline.AssertStoredExactlyAsync();
            await pipeline.AssertNoTraceStoredInPartAsync();
            await pipeline.WaitForAllCommittedAsync(d, TimeSpan.FromSeconds(45));

            foreach (var replica in new[] { a, b, d })
            {
                Assert.False(replica.HasExited, "a replica exited:\n" + TracePipeline.Log(replica));
                Assert.True(await HostMetrics.SpansConsumedAsync(replica) > 0, "every live replica should have read a share of the topic");
            }
            Assert.Equal(6, await HostMetrics.PartitionsAssignedAsync(a, pipeline.Group) + await HostMetrics.PartitionsAssignedAsync(b, pipeline.Group) + await HostMetrics.PartitionsAssignedAsync(d, pipeline.Group));
            // d's partitions were revoked from members holding their spans: those were handed over, not decided.
            Assert.True(await HostMetrics.SpansHandedOffAsync(a) + await HostMetrics.SpansHandedOffAsync(b) > 0,
                "a and b gave partitions up while holding spans, so they should have handed some off:\n" + TracePipeline.Log(a) + "\n---\n" + TracePipeline.Log(b));
        }
        finally
        {
            foreach (var replica in replicas) await replica.DisposeAsync();
        }
    }

    [Fact]
    public async Task Spans_of_one_trace_posted_to_different_replicas_meet_on_its_owner_and_are_stored_whole()
    {
        await using var pipeline = await TracePipeline.CreateAsync("e2eh", traces: 240, seed: 23, partitions: 4);
        await using var a = pipeline.StartHost();
        await using var b = pipeline.StartHost();
        await WaitUntilAsync(async () => await AssignedWhileStartingAsync(a, pipeline.Group) > 0 && await AssignedWhileStartingAsync(b, pipeline.Group) > 0
            && await HostMetrics.PartitionsAssignedAsync(a, pipeline.Group) + await HostMetrics.PartitionsAssignedAsync(b, pipeline.Group) == 4, "the two replicas to split 4 partitions");

        // Every trace's spans alternate between the replicas: each holds half of every trace unless ingest goes through the topic.
        foreach (var chunk in pipeline.Traces.Chunk(40))
        {
            var spans = chunk.SelectMany(t => t.Spans.Select((span, i) => (span, i))).ToList();
            await PostOrFailAsync(a, spans.Where(s => s.i % 2 == 0).Select(s => s.span).ToArray());
            await PostOrFailAsync(b, spans.Where(s => s.i % 2 == 1).Select(s => s.span).ToArray());
        }

        await pipeline.WaitForStoredAsync(pipeline.Kept.Count, a, Patience);
        await pipeline.AssertStoredExactlyAsync();
        await pipeline.AssertNoTraceStoredInPartAsync();
        await pipeline.WaitForAllCommittedAsync(a, TimeSpan.FromSeconds(45));
    }

    /// <summary>Posts <paramref name="spans"/> as one Zipkin v2 JSON array.</summary>
    internal static async Task<HttpResponseMessage> PostZipkinAsync(HostProcess host, Span[] spans)
    {
        var body = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(body)) StreamJobs.Telemetry.Zipkin.ZipkinJsonWriter.WriteArray(writer, spans);
        using var content = new ByteArrayContent(body.WrittenSpan.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return await host.Http.PostAsync("/api/v2/spans", content);
    }

    private static async Task PostOrFailAsync(HostProcess host, Span[] spans)
    {
        using var response = await PostZipkinAsync(host, spans);
        Assert.True(response.IsSuccessStatusCode, $"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>0 while the host's HTTP server is not up yet.</summary>
    private static async Task<double> AssignedWhileStartingAsync(HostProcess host, string group)
    {
        try
        {
            return await HostMetrics.PartitionsAssignedAsync(host, group);
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(250);
        }
    }
}
