using System.Collections.Concurrent;
using System.Text.Json;
using Confluent.Kafka;

namespace StreamJobs.EndToEnd.Tests.Support;

/// <summary>
/// Reads every partition of the enriched-flows topic from the beginning, in the background, and keeps every copy of
/// every flow (keyed by local port) with its attribution, so replays show up as extra copies.
/// </summary>
internal sealed class EnrichedFlowCollector : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ushort, ConcurrentQueue<FlowAttribution>> _copies = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _records;
    private long _malformed;

    public EnrichedFlowCollector(string topic, int partitions)
    {
        _loop = Task.Factory.StartNew(() => Run(topic, partitions), TaskCreationOptions.LongRunning);
    }

    /// <summary>Distinct flows seen.</summary>
    public int Distinct => _copies.Count;

    /// <summary>Records read (every copy).</summary>
    public long Records => Interlocked.Read(ref _records);

    public long Malformed => Interlocked.Read(ref _malformed);

    public IReadOnlyDictionary<ushort, ConcurrentQueue<FlowAttribution>> Copies => _copies;

    private void Run(string topic, int partitions)
    {
        var config = Servers.Legacy(new ConsumerConfig { BootstrapServers = Servers.Kafka, GroupId = "collector-" + topic, EnableAutoCommit = false });
        using var consumer = new ConsumerBuilder<Ignore, string>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        while (!_stop.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message?.Value is not { } value) continue;
            Interlocked.Increment(ref _records);
            try
            {
                using var json = JsonDocument.Parse(value);
                var root = json.RootElement;
                var attribution = new FlowAttribution(
                    root.GetProperty("localApp").GetString(),
                    root.GetProperty("remoteApp").GetString(),
                    root.GetProperty("localSource").GetString()!,
                    root.GetProperty("remoteSource").GetString()!);
                _copies.GetOrAdd(root.GetProperty("localPort").GetUInt16(), _ => new()).Enqueue(attribution);
            }
            catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                Interlocked.Increment(ref _malformed);
            }
        }
        consumer.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        _stop.Dispose();
    }
}
