using StreamJobs.Windows;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.Supervision;
using AkkaDsl = Akka.Streams.Dsl;

namespace StreamJobs.Tests.Acknowledgement;

// Inside the namespace, so that Source, Flow, Sink and NotUsed are the engine's; Akka's operators stay in reach as
// extension methods from the outer using.
using StreamJobs.NamedStreams;
using StreamJobs.Streams;
using StreamJobs.Tests.Support;

/// <summary>
/// At-least-once through every operator allowed on a path that carries receipts, with a drain in the middle of the
/// run; and proof that the audit catches a pipeline that drops batches or commits too early.
/// </summary>
public sealed class AtLeastOnceAuditTests
{
    private static readonly MaterializerSettings Small = new() { BatchSize = 64 };

    [Fact]
    public async Task Select_and_Where_keep_at_least_once_across_a_drain()
    {
        var audit = new AtLeastOnceAudit { DeadLetterEvery = 97 };
        await DrainMidRunAsync(audit, Small, m => audit.Source()
            .Select(r => r with { })
            .Where(r =>
            {
                if (r.Position % 7 != 0) return true;
                audit.Discard(r); // a deliberate drop completes the receipt
                return false;
            })
            .Select(r => new AuditRecord(r.Position, r.Receipt))
            .RunWith(audit.Sink(), m));
        audit.AssertHolds();
    }

    [Fact]
    public async Task Async_boundaries_keep_at_least_once_across_a_drain()
    {
        var audit = new AtLeastOnceAudit();
        await DrainMidRunAsync(audit, Small, m => audit.Source()
            .Async()
            .Select(r => r)
            .Async(bufferBatches: 2)
            .RunWith(audit.Sink(), m));
        audit.AssertHolds();
    }

    [Fact]
    public async Task A_stateful_stage_that_holds_records_across_batches_keeps_at_least_once_across_a_drain()
    {
        var audit = new AtLeastOnceAudit();
        await DrainMidRunAsync(audit, Small, m => audit.Source()
            .Stateful(() => new HoldFive(), "hold-five")
            .RunWith(audit.Sink(), m));
        audit.AssertHolds();
    }

    [Fact]
    public async Task A_sharded_stateful_stage_keeps_at_least_once_across_a_drain()
    {
        var audit = new AtLeastOnceAudit();
        await DrainMidRunAsync(audit, Small, m => audit.Source()
            .KeyBy(r => r.Position % 13)
            .Stateful(() => new HoldFive(), shards: 3, name: "hold-five")
            .RunWith(audit.Sink(), m));
        audit.AssertHolds();
    }

    [Fact]
    public async Task AlsoTo_a_side_sink_that_completes_no_receipts_keeps_at_least_once_across_a_drain()
    {
        var audit = new AtLeastOnceAudit();
        long side = 0;
        await DrainMidRunAsync(audit, Small, m => audit.Source()
            .AlsoTo(Sink.ForEachBatch<AuditRecord>((batch, _) =>
            {
                Interlocked.Add(ref side, batch.Count);
                return default;
            }))
            .RunWith(audit.Sink(), m));
        audit.AssertHolds();
        Assert.Equal(audit.WrittenCount, Interlocked.Read(ref side));
    }

    [Fact]
    public async Task A_hop_through_a_named_stream_keeps_at_least_once_across_a_drain()
    {
        var audit = new AtLeastOnceAudit();
        var registry = new NamedStreamRegistry();
        var stream = registry.Stream<AuditRecord>("audit-hop");
        Task? published = null;
        var stored = await DrainMidRunAsync(audit, Small, m =>
        {
            var store = stream.Subscribe(null, completesReceipts: true).Select(r => r).RunWith(audit.Sink(), m);
            published = audit.Source().RunWith(stream.Publish(), m);
            return store;
        });
        await published!;
        audit.AssertHolds();
        Assert.Equal(audit.WrittenCount, stream.Published);
        Assert.True(stored.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task An_Akka_Throttle_keeps_at_least_once_across_a_drain()
    {
        var audit = new AtLeastOnceAudit();
        await DrainMidRunAsync(audit, Small, m => audit.Source()
            .Via(AkkaDsl.Flow.Create<Batch<AuditRecord>>().Throttle(50, TimeSpan.FromMilliseconds(100), 50, ThrottleMode.Shaping))
            .RunWith(audit.Sink(), m));
        audit.AssertHolds();
    }

    [Fact]
    public async Task An_Akka_backpressuring_Buffer_keeps_at_least_once_across_a_drain()
    {
        var audit = new AtLeastOnceAudit();
        await DrainMidRunAsync(audit, Small, m => audit.Source()
            .Via(AkkaDsl.Flow.Create<Batch<AuditRecord>>().Buffer(16, OverflowStrategy.Backpressure))
            .Select(r => r)
            .RunWith(audit.Sink(TimeSpan.FromMilliseconds(1)), m));
        audit.AssertHolds();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_audit_catches_an_Akka_Buffer_that_drops_batches_behind_a_slow_sink(bool drop)
    {
        var audit = new AtLeastOnceAudit(windowCapacity: 4096) { StopWait = TimeSpan.FromMilliseconds(300) };
        var strategy = drop ? OverflowStrategy.DropHead : OverflowStrategy.Backpressure;
        await DrainMidRunAsync(audit, Small, m => audit.Source()
            .Via(AkkaDsl.Flow.Create<Batch<AuditRecord>>().Buffer(1, strategy))
            .RunWith(audit.Sink(TimeSpan.FromMilliseconds(5)), m), written: 128); // with drops, the full window soon stalls the source

        var failures = audit.CheckAfterShutdown();
        if (!drop)
        {
            Assert.Empty(failures);
            return;
        }
        var failure = Assert.Single(failures);
        Assert.Matches(@"^commit stuck at (\d+); batch \[\1, \d+\) was dropped$", failure);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_audit_catches_a_batch_level_Resume_of_an_Akka_Select_that_drops_1024_records(bool throws)
    {
        var audit = new AtLeastOnceAudit(windowCapacity: 8192) { StopWait = TimeSpan.FromMilliseconds(300) };
        var failing = AkkaDsl.Flow.Create<Batch<AuditRecord>>()
            .Select(batch =>
            {
                if (throws && batch[0].Position <= 2048 && 2048 <= batch[batch.Count - 1].Position) throw new InvalidOperationException("bad batch");
                return batch;
            })
            .WithAttributes(ActorAttributes.CreateSupervisionStrategy(Deciders.ResumingDecider));
        await DrainMidRunAsync(audit, new MaterializerSettings { BatchSize = 1024 }, m => audit.Source()
            .Via(failing)
            .RunWith(audit.Sink(), m), written: 4096);

        var failures = audit.CheckAfterShutdown();
        if (throws) Assert.Equal(["commit stuck at 2048; batch [2048, 3072) was dropped"], failures);
        else Assert.Empty(failures);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_audit_catches_a_stage_that_completes_receipts_before_the_sink_wrote_them(bool early)
    {
        var audit = new AtLeastOnceAudit();
        var acking = AkkaDsl.Flow.Create<Batch<AuditRecord>>()
            .Select(batch =>
            {
                if (early) foreach (var record in batch) record.Receipt.Complete();
                return batch;
            })
            .Buffer(8, OverflowStrategy.Backpressure);
        await DrainMidRunAsync(audit, Small, m => audit.Source()
            .Via(acking)
            .RunWith(audit.Sink(TimeSpan.FromMilliseconds(2)), m), written: 256);

        var failures = audit.CheckAfterShutdown();
        if (early) Assert.Matches(@"^committed past position \d+, which was never written", Assert.Single(failures));
        else Assert.Empty(failures);
    }

    /// <summary>
    /// Runs the graph, lets the sink write at least <paramref name="written"/> records, then drains the materializer
    /// in the middle of the run (the source is endless) and returns the sink's task, which must have completed.
    /// </summary>
    private static async Task<Task> DrainMidRunAsync(AtLeastOnceAudit audit, MaterializerSettings settings, Func<Materializer, Task> run, long written = 2000)
    {
        await using var materializer = new Materializer(settings);
        var sink = run(materializer);
        Assert.True(await Eventually.HoldsAsync(() => audit.WrittenCount >= written), $"the sink wrote only {audit.WrittenCount} records");
        await materializer.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await sink.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.True(audit.WrittenCount >= written);
        return sink;
    }

    /// <summary>Holds records in groups of five, across batch boundaries, and flushes the rest when upstream finishes.</summary>
    private sealed class HoldFive : StageLogic<AuditRecord, AuditRecord>
    {
        private readonly List<AuditRecord> _held = new();

        public override void OnRecord(AuditRecord record, Emitter<AuditRecord> output)
        {
            _held.Add(record);
            if (_held.Count < 5) return;
            Flush(output);
        }

        public override void OnUpstreamFinish(Emitter<AuditRecord> output) => Flush(output);

        private void Flush(Emitter<AuditRecord> output)
        {
            foreach (var record in _held) output.Emit(record);
            _held.Clear();
        }
    }
}
