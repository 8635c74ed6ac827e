using StreamJobs.Streams;
using StreamJobs.Tests.Support;
using StreamJobs.TestKit;

namespace StreamJobs.Tests.Streams;

public sealed class BackpressureTests
{
    [Fact]
    public async Task A_slow_sink_bounds_how_far_the_source_runs_ahead()
    {
        const int batchSize = 100;
        const int bufferBatches = 4;
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = batchSize, BufferBatches = bufferBatches });
        var generator = new CountingGenerator();
        long consumed = 0;
        long maxAhead = 0;
        var done = generator.Source()
            .Async()
            .Select(x => x * 2)
            .RunWith(Sink.ForEachBatch<long>(async (batch, ct) =>
            {
                maxAhead = Math.Max(maxAhead, generator.Produced - Interlocked.Read(ref consumed));
                Interlocked.Add(ref consumed, batch.Count);
                await Task.Delay(2, ct);
            }), materializer);

        Assert.True(await Eventually.HoldsAsync(() => Interlocked.Read(ref consumed) >= 20 * batchSize));
        await materializer.ShutdownAsync();
        await done;
        // The channel holds `bufferBatches`, one batch is being written, one is in the sink, one is being generated.
        Assert.InRange(maxAhead, 1, (bufferBatches + 3) * batchSize);
        Assert.Equal(generator.Produced, Interlocked.Read(ref consumed));
    }

    [Fact]
    public async Task Memory_stays_bounded_under_a_fast_source()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 256, BufferBatches = 2 });
        const int records = 400_000;
        var payloadSource = Source.Generate<byte[]>(Fill());
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        long seen = 0;
        await payloadSource.Async().Async()
            .RunWith(Sink.ForEachBatch<byte[]>(async (batch, ct) =>
            {
                seen += batch.Count;
                if (seen % 51_200 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
                await Task.Yield();
            }), materializer);
        Assert.Equal(records, seen);
        // 400k records of 1 KiB would be ~400 MiB if anything buffered without bound.
        Assert.True(peak < 64 * 1024 * 1024, $"heap grew by {peak / 1024 / 1024} MiB");

        BatchGenerator<byte[]> Fill()
        {
            var produced = 0;
            return (buffer, _) =>
            {
                var count = Math.Min(buffer.Length, records - produced);
                for (var i = 0; i < count; i++) buffer[i] = new byte[1024];
                produced += count;
                return ValueTask.FromResult(count);
            };
        }
    }
}
