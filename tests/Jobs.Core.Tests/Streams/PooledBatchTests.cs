using Akka.Streams.Dsl;
using AkkaDsl = Akka.Streams.Dsl;

namespace StreamJobs.Tests.Streams;

using StreamJobs.NamedStreams;
using StreamJobs.Streams;

/// <summary>
/// Batches of reference-free records travel in pooled arrays that a fused stage transforms in place and a sink hands
/// back. Wherever a batch reaches more than one holder, no holder may hand it back while another still reads it.
/// </summary>
public sealed class PooledBatchTests
{
    private const int Records = 200_000;

    [Fact]
    public async Task A_side_sink_of_AlsoTo_keeps_reading_batches_the_main_sink_has_finished_with()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 256 });
        var kept = new List<Batch<long>>();
        var side = Sink.ForEachBatch<long>(async (batch, _) =>
        {
            lock (kept) kept.Add(batch); // kept past the call on purpose: a pooled array would be rented again meanwhile
            await Task.Yield();
        });
        var total = await Source.From(Enumerable.Range(0, Records).Select(i => (long)i))
            .Select(x => x * 2)
            .AlsoTo(side.Named("side"))
            .Select(x => x + 1)
            .RunWith(Sink.Aggregate<long, long>(0, (sum, x) => sum + x), materializer);

        Assert.Equal(Enumerable.Range(0, Records).Sum(i => 2L * i + 1), total);
        Assert.Equal(Enumerable.Range(0, Records).Select(i => 2L * i), kept.SelectMany(b => b.ToArray()));
    }

    [Fact]
    public async Task Two_subscribers_of_a_named_stream_read_the_published_batches_intact()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 256 });
        var stream = new NamedStreamRegistry().Stream<long>("numbers");
        var fast = stream.Subscribe().Select(x => x + 1).RunWith(Sink.Seq<long>(), materializer);
        var slow = stream.Subscribe().RunWith(Sink.ForEachBatch<long>(async (_, _) => await Task.Delay(1)), materializer);
        var slowSeen = stream.Subscribe().RunWith(Sink.Seq<long>(), materializer);
        await Source.From(Enumerable.Range(0, Records).Select(i => (long)i)).Select(x => x * 3).RunWith(stream.Publish(), materializer);

        Assert.Equal(Enumerable.Range(0, Records).Select(i => 3L * i + 1), await fast);
        await slow;
        Assert.Equal(Enumerable.Range(0, Records).Select(i => 3L * i), await slowSeen);
    }

    [Fact]
    public async Task A_lone_subscriber_owns_the_pooled_batches_a_stateful_stage_emits_and_publishes()
    {
        // The stage's emitter rents its arrays and the named stream hands them on to its only subscriber, which
        // transforms them in place and returns them; a slow subscriber holds some while the stage rents more.
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 256 });
        var stream = new NamedStreamRegistry().Stream<string>("words");
        var seen = stream.Subscribe()
            .Select(word => word + "!")
            .Stateful(() => new EveryOther(), "every-other")
            .RunWith(Sink.ForEachBatch<string>(async (batch, _) =>
            {
                await Task.Yield();
                lock (Collected) Collected.AddRange(batch.ToArray());
            }), materializer);
        await Source.From(Enumerable.Range(0, Records).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Stateful(() => new EveryOther(), "every-other")
            .RunWith(stream.Publish(), materializer);
        await seen;

        Assert.Equal(Enumerable.Range(0, Records).Where(i => i % 4 == 0).Select(i => i + "!"), Collected);
    }

    private List<string> Collected { get; } = [];

    /// <summary>Emits every other record: the emitter's arrays are rented and handed on part-filled.</summary>
    private sealed class EveryOther : StageLogic<string, string>
    {
        private bool _skip;

        public override void OnRecord(string record, Emitter<string> output)
        {
            if (!_skip) output.Emit(record);
            _skip = !_skip;
        }
    }

    [Fact]
    public async Task A_foreign_Akka_buffer_keeps_batches_intact_while_the_engine_goes_on()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 128 });
        var result = await Source.From(Enumerable.Range(0, Records).Select(i => (long)i))
            .Where(x => x % 5 != 0)
            .Via(AkkaDsl.Flow.Create<Batch<long>>().Buffer(256, Akka.Streams.OverflowStrategy.Backpressure))
            .Async()
            .Select(x => -x)
            .RunWith(Sink.Seq<long>(), materializer);
        Assert.Equal(Enumerable.Range(0, Records).Where(i => i % 5 != 0).Select(i => -(long)i), result);
    }
}
