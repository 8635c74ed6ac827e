using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamJobs.Acknowledgement;
using StreamJobs.Kafka.Consumer;
using StreamJobs.Kafka.Serialization;

namespace StreamJobs.Kafka.Reader;

/// <summary>
/// One run of <see cref="KafkaTopicReader.AllPartitions{T}"/>: finds the topic's partitions, assigns all of them
/// from the beginning (no group membership, no commits), notes each partition's high watermark at the start and
/// reports the catch-up once every partition was read that far. Everything touching the client runs on the source's
/// loop.
/// </summary>
internal sealed class TopicReaderLogic<T> : ReplayableSourceLogic<T>
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MissingTopicRetry = TimeSpan.FromSeconds(3);
    private readonly KafkaConsumerSettings _settings;
    private readonly string _topic;
    private readonly IKafkaDeserializer<T> _deserializer;
    private IConsumer<Ignore, DecodedValue<T>>? _consumer;
    private TopicPartition[] _partitions = [];
    private long[] _end = [];
    private bool[] _done = [];
    private int _pending = -1;
    private long _emitted;
    private long _lastMissingLog = long.MinValue;
    private Exception? _fatal;

    public TopicReaderLogic(KafkaConsumerSettings settings, string topic, IKafkaDeserializer<T> deserializer)
    {
        _settings = settings;
        _topic = topic;
        _deserializer = deserializer;
    }

    public KafkaTopicReaderControl Control { get; } = new();

    protected override async ValueTask<int> ReadAsync(T[] buffer, CancellationToken stopping)
    {
        while (_consumer is null)
        {
            if (stopping.IsCancellationRequested) return 0;
            try
            {
                if (TryStart()) break;
            }
            catch (KafkaException error) when (!error.Error.IsFatal)
            {
                // The broker is away or the partitions have no leader yet: try again, like the group source does.
                Logger.LogWarning("Kafka topic reader of {Topic}: cannot start yet ({Reason}); retrying", _topic, error.Error.Reason);
            }

            try
            {
                await Task.Delay(MissingTopicRetry, Time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
        }

        var consumer = _consumer!;
        var count = 0;
        long consumed = 0;
        while (!stopping.IsCancellationRequested && count < buffer.Length)
        {
            if (_fatal is not null) throw new KafkaException(new Error(ErrorCode.Local_Fatal, "The Kafka topic reader hit a fatal error: " + _fatal.Message));
            ConsumeResult<Ignore, DecodedValue<T>>? result;
            try
            {
                result = consumer.Consume(count == 0 ? _settings.PollTimeout : TimeSpan.Zero);
            }
            catch (ConsumeException error) when (!error.Error.IsFatal)
            {
                Logger.LogWarning("Kafka topic reader of {Topic}: consume error (retrying): {Reason}", _topic, error.Error.Reason);
                continue;
            }

            if (result is null || result.IsPartitionEOF)
            {
                if (_pending > 0) CheckPositions(count);
                if (count > 0) break;
                continue;
            }

            consumed++;
            var value = result.Message.Value;
            if (value.IsTombstone)
            {
                Control.AddTombstone();
            }
            else if (value.Error is null)
            {
                buffer[count++] = value.Record!;
            }
            else
            {
                DeadLetter(ConsumerDiagnostics.Malformed(result, out var error), error);
                Control.AddDeadLettered();
            }

            if (_pending > 0) Reached(result.Partition.Value, result.Offset.Value + 1, count);
        }

        _emitted += count;
        Control.AddConsumed(consumed);
        return count;
    }

    protected override Task StopAsync(bool aborted)
    {
        if (aborted) Control.Fail(new InvalidOperationException($"The Kafka topic reader of {_topic} stopped before it caught up."));
        var consumer = _consumer;
        _consumer = null;
        if (consumer is not null)
        {
            try
            {
                consumer.Close();
            }
            finally
            {
                consumer.Dispose();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Finds the partitions and their ends, then assigns them all from the beginning; false while the topic is missing, throws while the broker is away.</summary>
    private bool TryStart()
    {
        var config = KafkaClientConfig.Consumer(_settings);
        // Assign only, never subscribe: the group id is required by the client but no group is joined and nothing is committed.
        config.GroupId = _settings.GroupId + "-reader";
        List<int> partitions;
        using (var admin = new AdminClientBuilder(KafkaClientConfig.Admin(_settings)).Build())
        {
            // All topics, not just ours: asking for a missing topic by name makes an old broker auto-create it, uncompacted.
            var found = admin.GetMetadata(MetadataTimeout).Topics.FirstOrDefault(t => t.Topic == _topic);
            if (found is null || found.Error.Code != ErrorCode.NoError || found.Partitions.Count == 0)
            {
                LogMissing(found?.Error.Reason);
                return false;
            }

            partitions = found.Partitions.Select(p => p.PartitionId).Order().ToList();
        }

        var consumer = new ConsumerBuilder<Ignore, DecodedValue<T>>(config)
            .SetValueDeserializer(new DecodingDeserializer<T>(_deserializer))
            .SetErrorHandler((_, error) =>
            {
                if (error.IsFatal) _fatal = new KafkaException(error);
                else Logger.LogWarning("Kafka topic reader of {Topic}: {Reason} ({Code}); it keeps trying", _topic, error.Reason, error.Code);
            })
            .SetLogHandler((_, message) => ConsumerDiagnostics.Log(Logger, message))
            .Build();
        try
        {
            var count = partitions.Max() + 1;
            _partitions = new TopicPartition[count];
            _end = new long[count];
            _done = new bool[count];
            _pending = 0;
            foreach (var id in partitions)
            {
                var partition = new TopicPartition(_topic, id);
                var marks = consumer.QueryWatermarkOffsets(partition, MetadataTimeout);
                _partitions[id] = partition;
                _end[id] = marks.High.Value;
                _done[id] = marks.High.Value <= marks.Low.Value;
                if (!_done[id]) _pending++;
            }

            consumer.Assign(partitions.Select(id => new TopicPartitionOffset(_partitions[id], Offset.Beginning)));
        }
        catch
        {
            consumer.Dispose();
            throw;
        }

        _consumer = consumer;
        Control.SetPartitions(partitions.Count);
        Logger.LogInformation("Kafka topic reader: reading all {Count} partitions of {Topic} from the beginning ({Records} records to catch up)",
            partitions.Count, _topic, partitions.Sum(id => _done[id] ? 0 : _end[id]));
        if (_pending == 0) Control.SetCaughtUp(0);
        return true;
    }

    /// <summary>Marks <paramref name="partition"/> read up to <paramref name="next"/>; the last partition to get there completes the catch-up.</summary>
    private void Reached(int partition, long next, int countInBatch)
    {
        if (partition >= _done.Length || _done[partition] || next < _end[partition]) return;
        _done[partition] = true;
        if (--_pending == 0)
        {
            Control.SetCaughtUp(_emitted + countInBatch);
            Logger.LogInformation("Kafka topic reader: caught up with {Topic} ({Records} records)", _topic, _emitted + countInBatch);
        }
    }

    /// <summary>When nothing more is queued, asks the client where each partition stands (compaction leaves gaps before the end).</summary>
    private void CheckPositions(int countInBatch)
    {
        for (var id = 0; id < _done.Length && _pending > 0; id++)
        {
            if (_done[id] || _partitions[id] is null) continue;
            var position = _consumer!.Position(_partitions[id]);
            if (position.Value >= 0) Reached(id, position.Value, countInBatch);
        }
    }

    private void LogMissing(string? reason)
    {
        var now = Time.GetTimestamp();
        if (_lastMissingLog != long.MinValue && Time.GetElapsedTime(_lastMissingLog, now) < TimeSpan.FromSeconds(30)) return;
        // A warning at first (a producer may be about to create it), an error while it stays missing.
        var level = _lastMissingLog == long.MinValue ? LogLevel.Warning : LogLevel.Error;
        _lastMissingLog = now;
        Logger.Log(level, "Kafka topic reader: topic {Topic} not found ({Reason}); create it (compacted where it holds state), e.g. scripts/kafka-topics.sh --create --topic {Topic} --partitions 3 --replication-factor 1 --config cleanup.policy=compact. Retrying.",
            _topic, reason ?? "no such topic", _topic);
    }
}
