using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Host.Flows;
using StreamJobs.Host.Ingest;
using StreamJobs.Host.Tests.Flows.Support;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Tests.Flows;

/// <summary>Through Kafka, an HTTP request's records carry a receipt whose completion by the sink answers the request.</summary>
public sealed class FlowIngestGateTests : IAsyncDisposable
{
    private readonly Materializer _materializer = new();
    private readonly List<FlowRecord> _flows = [];
    private readonly List<OwnershipEvent> _events = [];

    [Fact]
    public async Task Through_kafka_a_request_is_delivered_once_the_sink_completed_every_record()
    {
        var gate = Attach(awaitsDelivery: true, capacity: 4);
        FlowRecord[] flows = [FlowSamples.Flow("10.0.0.1", "10.0.0.2", 1_000), FlowSamples.Flow("10.0.0.1", "10.0.0.3", 2_000)];
        OwnershipEvent[] events = [new(IpAddress.Parse("10.0.0.1"), "api", 500, OwnershipChange.Assigned)];

        Assert.Equal(OfferResult.Accepted, gate.TryOffer(flows.AsSpan(), out var flowsDelivered));
        Assert.Equal(OfferResult.Accepted, gate.TryOffer(events.AsSpan(), out var eventsDelivered));
        Assert.NotNull(flowsDelivered);
        Assert.NotNull(eventsDelivered);
        await Eventually(() => _flows.Count == 2 && _events.Count == 1);

        _flows[0].Receipt.Complete();
        Assert.False(flowsDelivered.IsCompleted); // one of two is not enough
        _flows[1].Receipt.Complete();
        _events[0].Receipt.Complete();
        await flowsDelivered.WaitAsync(TimeSpan.FromSeconds(5));
        await eventsDelivered.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(flows, _flows); // equality ignores the receipt: the records themselves are unchanged
    }

    [Fact]
    public void In_process_nothing_is_tracked_and_a_refused_offer_has_nothing_to_wait_for()
    {
        var inProcess = Attach(awaitsDelivery: false, capacity: 4);
        FlowRecord[] flows = [FlowSamples.Flow("10.0.0.1", "10.0.0.2", 1_000)];
        Assert.Equal(OfferResult.Accepted, inProcess.TryOffer(flows.AsSpan(), out var delivered));
        Assert.Null(delivered);
        Assert.True(flows[0].Receipt.IsNone);

        var notRunning = new FlowIngestGate(new FlowIngestMetrics());
        Assert.Equal(OfferResult.NotRunning, notRunning.TryOffer(flows.AsSpan(), out delivered));
        Assert.Null(delivered);
    }

    private FlowIngestGate Attach(bool awaitsDelivery, int capacity)
    {
        var gate = new FlowIngestGate(new FlowIngestMetrics());
        var flows = Source.Queue<FlowRecord>(capacity).To(Sink.ForEach<FlowRecord>(f => { lock (_flows) _flows.Add(f); })).Run(_materializer);
        var events = Source.Queue<OwnershipEvent>(capacity).To(Sink.ForEach<OwnershipEvent>(e => { lock (_events) _events.Add(e); })).Run(_materializer);
        gate.Attach(flows, new FlowIngestParameters(), awaitsDelivery);
        gate.Attach(events);
        return gate;
    }

    private async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!Locked(condition) && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(Locked(condition), "the records never reached the stream");
    }

    private bool Locked(Func<bool> condition)
    {
        lock (_flows) lock (_events) return condition();
    }

    public ValueTask DisposeAsync() => _materializer.DisposeAsync();
}
