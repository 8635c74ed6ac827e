using System.Collections.Concurrent;
using StreamJobs.Streams;
using StreamJobs.Windows;

namespace StreamJobs.Tests.Streams;

/// <summary>A keyed stateful stage run as parallel shards: one logic per shard, the same key always on the same one.</summary>
public sealed class ShardedStageTests
{
    [Fact]
    public async Task Every_key_stays_on_one_shard_in_order_and_nothing_is_lost()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 64 });
        var seenBy = new ConcurrentDictionary<int, ConcurrentDictionary<int, byte>>();
        var records = Enumerable.Range(0, 20_000).Select(i => (Key: i % 97, Seq: i)).ToArray();

        var output = await Source.From(records)
            .KeyBy(r => r.Key)
            .Stateful(() => new Tagging(seenBy), shards: 4, name: "tag")
            .RunWith(Sink.Seq<(int Key, int Seq, int Logic)>(), materializer);

        Assert.Equal(records.Length, output.Count);
        Assert.All(seenBy, key => Assert.Single(key.Value)); // one logic per key
        Assert.True(seenBy.Values.SelectMany(v => v.Keys).Distinct().Count() > 1, "every key landed on one shard");
        foreach (var key in output.GroupBy(o => o.Key))
        {
            Assert.Equal(key.Select(o => o.Seq).Order(), key.Select(o => o.Seq)); // per-key order kept
        }
    }

    [Fact]
    public async Task Shards_run_at_the_same_time()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var busy = new BusyCounter();
        await Source.From(Enumerable.Range(0, 2_000))
            .KeyBy(i => i)
            .Stateful(() => new Spinning(busy), shards: 2, name: "spin")
            .RunWith(Sink.Ignore<int>(), materializer);
        Assert.True(busy.Max >= 2, $"at most {busy.Max} shard was busy at a time");
    }

    [Fact]
    public async Task The_end_of_the_stream_flushes_what_every_shard_holds()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 32 });
        var output = await Source.From(Enumerable.Range(0, 5_000))
            .KeyBy(i => i % 11)
            .Stateful(() => new HoldAll(), shards: 3, name: "hold")
            .RunWith(Sink.Seq<int>(), materializer);
        Assert.Equal(Enumerable.Range(0, 5_000), output.Order());
    }

    [Fact]
    public async Task A_failing_shard_fails_the_graph_with_its_exception()
    {
        await using var materializer = new Materializer();
        var boom = new InvalidOperationException("boom");
        var done = Source.From(Enumerable.Range(0, 1_000))
            .KeyBy(i => i % 5)
            .Stateful(() => new Throwing(boom), shards: 2, name: "throw")
            .RunWith(Sink.Ignore<int>(), materializer);
        Assert.Same(boom, await Assert.ThrowsAsync<InvalidOperationException>(() => done));
    }

    [Fact]
    public async Task A_partitioned_stage_gives_every_shard_the_broadcast_records_in_arrival_order()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 50 });
        // Negative numbers are updates every shard needs; the others go to the shard of their value.
        var records = Enumerable.Range(1, 3_000).Select(i => i % 10 == 0 ? -i : i).ToArray();
        var logs = new ConcurrentDictionary<int, List<int>>();

        var output = await Source.From(records)
            .Via(Flow.Partitioned<int, (int Shard, int Record)>(3, (r, shards) => r < 0 ? Flow.AllShards : r % shards,
                shard => new Recording(shard, logs.GetOrAdd(shard, _ => [])), "partitioned"))
            .RunWith(Sink.Seq<(int Shard, int Record)>(), materializer);

        Assert.Equal([0, 1, 2], logs.Keys.Order());
        foreach (var (shard, log) in logs)
        {
            // Each shard saw all updates and its own records, in the order they came.
            Assert.Equal(records.Where(r => r < 0 || r % 3 == shard), log);
        }
        Assert.Equal(records.Where(r => r > 0).Order(), output.Where(o => o.Record > 0).Select(o => o.Record).Order());
        Assert.All(output.Where(o => o.Record > 0), o => Assert.Equal(o.Record % 3, o.Shard));
    }

    [Fact]
    public async Task A_route_outside_the_shards_fails_the_stage()
    {
        await using var materializer = new Materializer();
        var done = Source.From(Enumerable.Range(0, 10))
            .Via(Flow.Partitioned<int, (int, int)>(2, (r, shards) => shards, shard => new Recording(shard, []), "bad-route"))
            .RunWith(Sink.Ignore<(int, int)>(), materializer);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => done);
        Assert.Contains("shard 2 of 2", error.Message);
    }

    private sealed class Recording(int shard, List<int> log) : StageLogic<int, (int, int)>
    {
        public override void OnRecord(int record, Emitter<(int, int)> output)
        {
            log.Add(record);
            output.Emit((shard, record));
        }
    }

    private sealed class Tagging(ConcurrentDictionary<int, ConcurrentDictionary<int, byte>> seenBy) : StageLogic<(int Key, int Seq), (int, int, int)>
    {
        private static int s_next;
        private readonly int _id = Interlocked.Increment(ref s_next);

        public override void OnRecord((int Key, int Seq) record, Emitter<(int, int, int)> output)
        {
            seenBy.GetOrAdd(record.Key, _ => new()).TryAdd(_id, 0);
            output.Emit((record.Key, record.Seq, _id));
        }
    }

    private sealed class BusyCounter
    {
        private int _inside;
        private int _max;

        public int Max => Volatile.Read(ref _max);

        public void Enter()
        {
            var now = Interlocked.Increment(ref _inside);
            int max;
            while (now > (max = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, max) != max)
            {
            }
        }

        public void Leave() => Interlocked.Decrement(ref _inside);
    }

    private sealed class Spinning(BusyCounter busy) : StageLogic<int, int>
    {
        public override void OnRecord(int record, Emitter<int> output)
        {
            busy.Enter();
            var until = System.Diagnostics.Stopwatch.GetTimestamp() + System.Diagnostics.Stopwatch.Frequency / 2000; // 0.5 ms
            while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
            {
            }
            busy.Leave();
            output.Emit(record);
        }
    }

    private sealed class HoldAll : StageLogic<int, int>
    {
        private readonly List<int> _held = new();

        public override void OnRecord(int record, Emitter<int> output) => _held.Add(record);

        public override void OnUpstreamFinish(Emitter<int> output)
        {
            foreach (var x in _held) output.Emit(x);
        }
    }

    private sealed class Throwing(Exception error) : StageLogic<int, int>
    {
        public override void OnRecord(int record, Emitter<int> output)
        {
            if (record == 500) throw error;
            output.Emit(record);
        }
    }
}
