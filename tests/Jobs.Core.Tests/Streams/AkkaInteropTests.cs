using System.Diagnostics;
using Akka.Streams;
using Akka.Streams.Dsl;
using AkkaDsl = Akka.Streams.Dsl;

namespace StreamJobs.Tests.Streams;

// Inside the namespace, so that Source, Flow, Sink and NotUsed are the engine's; Akka's operators stay in reach as
// extension methods from the outer using.
using StreamJobs.Streams;
using StreamJobs.Tests.Support;

/// <summary>The escape hatches to Akka.Streams, end to end, with exact record contents.</summary>
public sealed class AkkaInteropTests
{
    [Fact]
    public async Task Via_an_Akka_Throttle_passes_every_record_in_order_at_the_throttled_pace()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 50 });
        var clock = Stopwatch.StartNew();
        var result = await Source.From(Enumerable.Range(0, 5000))
            .Select(x => x + 1)
            .Via(AkkaDsl.Flow.Create<Batch<int>>().Throttle(200, TimeSpan.FromSeconds(1), 1, ThrottleMode.Shaping))
            .Select(x => x * 2)
            .RunWith(Sink.Seq<int>(), materializer);
        Assert.Equal(Enumerable.Range(0, 5000).Select(x => (x + 1) * 2), result);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"100 batches at 200 a second took only {clock.Elapsed}");
    }

    [Fact]
    public async Task Via_an_Akka_SelectAsync_keeps_the_order_of_batches_that_finish_out_of_order()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 32 });
        var flow = AkkaDsl.Flow.Create<Batch<int>>().SelectAsync(4, async batch =>
        {
            await Task.Delay(batch[0] / 32 % 3);
            var doubled = new long[batch.Count];
            for (var i = 0; i < batch.Count; i++) doubled[i] = batch[i] * 2L;
            return new Batch<long>(doubled, doubled.Length);
        });
        var result = await Source.From(Enumerable.Range(0, 3000)).Via(flow).RunWith(Sink.Seq<long>(), materializer);
        Assert.Equal(Enumerable.Range(0, 3000).Select(x => x * 2L), result);
    }

    [Fact]
    public async Task Via_an_Akka_GroupedWithin_makes_larger_batches_of_the_same_records()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var regroup = AkkaDsl.Flow.Create<Batch<int>>()
            .GroupedWithin(4, TimeSpan.FromMilliseconds(20))
            .Select(batches =>
            {
                var records = batches.SelectMany(b => b.ToArray()).ToArray();
                return new Batch<int>(records, records.Length);
            });
        var sizes = new List<int>();
        var records = new List<int>();
        await Source.From(Enumerable.Range(0, 1000))
            .Via(regroup)
            .RunWith(Sink.ForEachBatch<int>((batch, _) =>
            {
                sizes.Add(batch.Count);
                records.AddRange(batch.ToArray());
                return default;
            }), materializer);
        Assert.Equal(Enumerable.Range(0, 1000), records);
        Assert.All(sizes, size => Assert.InRange(size, 1, 4 * 16));
        Assert.Contains(sizes, size => size > 16);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ViaRecords_keeps_order_and_count_across_batch_boundaries(bool slowSink)
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 64 });
        var sizes = new List<int>();
        var records = new List<long>();
        var batches = 0;
        await Source.From(Enumerable.Range(0, 10_000))
            .Select(x => x)
            .ViaRecords(AkkaDsl.Flow.Create<int>().Where(x => x % 3 != 0).Select(x => x * 10L))
            .Where(x => x % 7 != 0)
            .RunWith(Sink.ForEachBatch<long>(async (batch, _) =>
            {
                sizes.Add(batch.Count);
                records.AddRange(batch.ToArray());
                if (slowSink && ++batches % 4 == 0) await Task.Delay(1);
            }), materializer);
        Assert.Equal(Enumerable.Range(0, 10_000).Where(x => x % 3 != 0).Select(x => x * 10L).Where(x => x % 7 != 0), records);
        Assert.All(sizes, size => Assert.InRange(size, 1, 64));
    }

    [Fact]
    public async Task Flow_FromAkkaRecords_runs_per_record_inside_an_engine_flow()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 10 });
        var flow = Flow.Create<int>()
            .Select(x => x + 1)
            .Via(Flow.FromAkkaRecords(AkkaDsl.Flow.Create<int>().SelectMany(x => new[] { x, -x })))
            .Async();
        var result = await Source.From(Enumerable.Range(0, 95)).Via(flow).RunWith(Sink.Seq<int>(), materializer);
        Assert.Equal(Enumerable.Range(1, 95).SelectMany(x => new[] { x, -x }), result);
    }

    [Fact]
    public async Task Source_FromAkka_runs_until_a_drain_completes_it_with_every_record_emitted_so_far()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var received = new List<long>();
        var done = Source.FromAkka(AkkaDsl.Source.From(EndlessBatches(16)))
            .Select(x => x * 3)
            .Async()
            .RunWith(Sink.ForEachBatch<long>((batch, _) =>
            {
                lock (received) received.AddRange(batch.ToArray());
                return default;
            }), materializer);
        Assert.True(await Eventually.HoldsAsync(() => { lock (received) return received.Count >= 1000; }));

        await materializer.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await done.WaitAsync(TimeSpan.FromSeconds(1));
        lock (received) Assert.Equal(Enumerable.Range(0, received.Count).Select(x => x * 3L), received);
    }

    [Fact]
    public async Task Sink_FromAkka_Ignore_completes_the_graph()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var generator = new CountingGenerator(limit: 1000);
        await generator.Source().Select(x => x + 1).RunWith(Sink.FromAkka(AkkaDsl.Sink.Ignore<Batch<long>>()), materializer)
            .WaitAsync(TimeSpan.FromSeconds(10));
        await materializer.Completion.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(1000, generator.Produced);
    }

    [Fact]
    public async Task Sink_FromAkka_ForEach_sees_every_record()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var seen = new List<int>();
        await Source.From(Enumerable.Range(0, 500))
            .RunWith(Sink.FromAkka(AkkaDsl.Sink.ForEach<Batch<int>>(batch => seen.AddRange(batch.ToArray()))), materializer)
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(0, 500), seen);
    }

    [Fact]
    public async Task A_failing_Akka_sink_fails_the_graph()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var done = new CountingGenerator().Source()
            .RunWith(Sink.FromAkka(AkkaDsl.Sink.ForEach<Batch<long>>(batch =>
            {
                if (batch[0] >= 64) throw new InvalidOperationException("the store refused");
            })), materializer);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => done.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("the store refused", error.Message);
        await Assert.ThrowsAnyAsync<Exception>(() => materializer.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_fused_Select_output_kept_by_an_Akka_Buffer_behind_a_boundary_and_a_slow_sink_is_never_overwritten()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 64 });
        var kept = new KeptBatches();
        await new CountingGenerator(limit: 20_000).Source()
            .Select(x => x * 3)
            .Where(x => x % 5 != 0)
            .Via(AkkaDsl.Flow.Create<Batch<long>>().Buffer(64, OverflowStrategy.Backpressure))
            .Async()
            .RunWith(kept.Sink(), materializer)
            .WaitAsync(TimeSpan.FromSeconds(20));
        kept.AssertExactly(Enumerable.Range(0, 20_000).Select(x => x * 3L).Where(x => x % 5 != 0));
    }

    [Fact]
    public async Task A_stateful_stage_output_kept_by_an_Akka_Buffer_behind_a_boundary_and_a_slow_sink_is_never_overwritten()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 64 });
        var kept = new KeptBatches();
        await new CountingGenerator(limit: 20_000).Source()
            .Select(x => x * 3)
            .Stateful(() => new HoldSeven(), "hold-seven")
            .Via(AkkaDsl.Flow.Create<Batch<long>>().Buffer(64, OverflowStrategy.Backpressure))
            .Async()
            .RunWith(kept.Sink(), materializer)
            .WaitAsync(TimeSpan.FromSeconds(20));
        kept.AssertExactly(Enumerable.Range(0, 20_000).Select(x => x * 3L + 1));
    }

    [Fact]
    public async Task A_queue_source_copies_offers_so_neither_the_caller_nor_the_engine_overwrites_a_kept_batch()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 64 });
        var kept = new KeptBatches();
        // No stage between the queue and the buffer: the buffer keeps the queue source's own arrays.
        var (queue, done) = Source.Queue<long>(8)
            .Via(AkkaDsl.Flow.Create<Batch<long>>().Buffer(64, OverflowStrategy.Backpressure))
            .Async()
            .ToMaterialized(kept.Sink(), Keep.Both)
            .Run(materializer);
        // One array reused for every offer (sizes 1 to 150, so offers are coalesced and split): the queue must copy.
        var offer = new long[150];
        long next = 0;
        for (var size = 1; next < 20_000; size = size % 150 + 1)
        {
            var count = (int)Math.Min(size, 20_000 - next);
            for (var i = 0; i < count; i++) offer[i] = next++;
            await queue.OfferAsync(offer.AsMemory(0, count));
            Array.Fill(offer, -1);
        }
        queue.Complete();
        await done.WaitAsync(TimeSpan.FromSeconds(20));
        kept.AssertExactly(Enumerable.Range(0, 20_000).Select(x => (long)x));
    }

    private static IEnumerable<Batch<long>> EndlessBatches(int size)
    {
        for (long next = 0; ; next += size)
        {
            var records = new long[size];
            for (var i = 0; i < size; i++) records[i] = next + i;
            yield return new Batch<long>(records, size);
        }
    }

    /// <summary>
    /// A slow sink that keeps every batch it is handed (the struct, so the engine's array) and checks its contents on
    /// arrival and again at the end: an array written to after it was pushed shows up as a changed record.
    /// </summary>
    private sealed class KeptBatches
    {
        private readonly List<Batch<long>> _batches = new();
        private readonly List<long> _onArrival = new();

        public Sink<long, Task> Sink() => StreamJobs.Streams.Sink.ForEachBatch<long>(async (batch, _) =>
        {
            _batches.Add(batch);
            _onArrival.AddRange(batch.ToArray());
            if (_batches.Count % 8 == 0) await Task.Delay(1);
        });

        public void AssertExactly(IEnumerable<long> expected)
        {
            var wanted = expected.ToArray();
            Assert.Equal(wanted, _onArrival);
            Assert.Equal(wanted, _batches.SelectMany(b => b.ToArray()));
        }
    }

    /// <summary>Adds one to each record and holds them in groups of seven, across batch boundaries, flushing the rest at the end.</summary>
    private sealed class HoldSeven : StageLogic<long, long>
    {
        private readonly List<long> _held = new();

        public override void OnRecord(long record, Emitter<long> output)
        {
            _held.Add(record + 1);
            if (_held.Count < 7) return;
            Flush(output);
        }

        public override void OnUpstreamFinish(Emitter<long> output) => Flush(output);

        private void Flush(Emitter<long> output)
        {
            foreach (var record in _held) output.Emit(record);
            _held.Clear();
        }
    }
}
