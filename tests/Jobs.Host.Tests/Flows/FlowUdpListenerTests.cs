using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StreamJobs.Host.Flows;
using StreamJobs.Host.Tests.Flows.Support;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Tests.Flows;

public sealed class FlowUdpListenerTests : IAsyncDisposable
{
    private readonly Materializer _materializer = new();
    private readonly ConcurrentQueue<FlowRecord> _received = new();
    private readonly TaskCompletionSource _release = new();

    public ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        return _materializer.DisposeAsync();
    }

    private (FlowUdpListener Listener, FlowIngestMetrics Metrics) Create(int capacity, bool stalled)
    {
        var metrics = new FlowIngestMetrics();
        var gate = new FlowIngestGate(metrics);
        var sink = Sink.ForEachBatch<FlowRecord>(async (batch, _) =>
        {
            foreach (var flow in batch) _received.Enqueue(flow);
            if (stalled) await _release.Task;
        });
        gate.Attach(Source.Queue<FlowRecord>(capacity).To(sink).Run(_materializer), new FlowIngestParameters(), awaitsDelivery: false);
        var listener = new FlowUdpListener(Options.Create(new FlowIngestOptions { UdpPort = 0 }), gate, NullLogger<FlowUdpListener>.Instance);
        return (listener, metrics);
    }

    [Fact]
    public async Task Malformed_datagrams_and_records_are_counted_and_dropped_alone()
    {
        var (listener, metrics) = Create(16, stalled: false);
        long start = FlowSamples.NowMs;
        var good = FlowSamples.Datagram(FlowSamples.Flow("10.0.0.1", "10.0.0.2", start), FlowSamples.Flow("10.0.0.1", "10.0.0.3", start), FlowSamples.Flow("10.0.0.1", "10.0.0.4", start));
        var oneBad = (byte[])good.Clone();
        int identityBytes = BitConverter.ToUInt16(oneBad, 10);
        oneBad[FlowBinaryFormat.HeaderSize + identityBytes + FlowBinaryFormat.RecordSize + 37] = 7; // direction of record 1

        listener.Take(good);
        listener.Take("not a flow datagram"u8);
        listener.Take(oneBad);
        listener.Flush();

        await Eventually(() => _received.Count == 5);
        Assert.Equal((3L, 1L), (metrics.Datagrams, metrics.DatagramsMalformed));
        Assert.Equal((5L, 1L), (metrics.UdpRecords, metrics.UdpRecordsDropped));
        Assert.Equal(0, metrics.DatagramsQueueFull);
    }

    [Fact]
    public async Task When_the_queue_is_full_datagrams_are_dropped_and_counted()
    {
        var (listener, metrics) = Create(1, stalled: true);
        var datagram = FlowSamples.Datagram(FlowSamples.Flow("10.0.0.1", "10.0.0.2", FlowSamples.NowMs));

        for (int i = 0; i < 10; i++)
        {
            listener.Take(datagram);
            listener.Flush();
            await Task.Delay(10);
        }

        Assert.True(metrics.DatagramsQueueFull >= 7, $"dropped {metrics.DatagramsQueueFull}");
        Assert.Equal(10, metrics.UdpRecords + metrics.UdpRecordsQueueFull);
        Assert.Equal(10, metrics.Datagrams);
    }

    [Fact]
    public void A_header_claiming_65535_records_in_a_16_byte_datagram_is_one_malformed_datagram_not_65535_records()
    {
        var (listener, metrics) = Create(16, stalled: false);
        var datagram = new byte[FlowBinaryFormat.HeaderSize];
        BitConverter.TryWriteBytes(datagram.AsSpan(0), FlowBinaryFormat.Magic);
        datagram[4] = FlowBinaryFormat.Version;
        BitConverter.TryWriteBytes(datagram.AsSpan(6), ushort.MaxValue);

        listener.Take(datagram);
        listener.Flush();

        Assert.Equal((1L, 1L), (metrics.Datagrams, metrics.DatagramsMalformed));
        Assert.Equal((0L, 1L), (metrics.UdpRecords, metrics.UdpRecordsDropped));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(5);
        }
    }
}
