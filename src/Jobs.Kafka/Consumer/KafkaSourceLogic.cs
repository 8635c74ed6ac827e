using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamJobs.Acknowledgement;
using StreamJobs.Kafka.Serialization;

namespace StreamJobs.Kafka.Consumer;

/// <summary>
/// One run of a committable Kafka source: joins the group, fills batches from the client's prefetched queue,
/// hands out one receipt per record from its partition's window, pauses partitions whose window is full, and
/// commits the lowest incomplete offset of every partition every <see cref="KafkaConsumerSettings.CommitInterval"/>,
/// on revocation and when it stops. Everything touching the client runs on the source's own loop (one caller at a time).
/// </summary>
internal sealed class KafkaSourceLogic<T> : ReplayableSourceLogic<T>
{
    private readonly KafkaConsumerSettings _settings;
    private readonly IKafkaDeserializer<T> _deserializer;
    private readonly IKafkaRebalanceListener? _listener;
    private readonly ReceiptHandoff? _handoff;
    private readonly Dictionary<TopicPartition, PartitionState<T>> _partitions = new();
    private readonly List<PartitionState<T>> _paused = new();
    private IConsumer<Ignore, DecodedValue<T>>? _consumer;
    private PartitionState<T>? _last;
    private long _lastCommit;
    private bool _closing;
    private long _consumed;
    private Exception? _fatal;

    public KafkaSourceLogic(KafkaConsumerSettings settings, IKafkaDeserializer<T> deserializer, IKafkaRebalanceListener? listener, ReceiptHandoff? handoff)
    {
        _settings = settings;
        _deserializer = deserializer;
        _listener = listener;
        _handoff = handoff;
    }

    public KafkaConsumerControl Control { get; } = new();

    protected override ValueTask<int> ReadAsync(T[] buffer, CancellationToken stopping)
    {
        var consumer = _consumer ??= Create();
        var count = 0;
        while (!stopping.IsCancellationRequested)
        {
            if (_fatal is not null) throw new KafkaException(new Error(ErrorCode.Local_Fatal, "The Kafka consumer hit a fatal error: " + _fatal.Message));
            // Once per batch and per idle poll, not per record: reading the clock per record showed in profiles.
            if (count == 0) CommitIfDue();
            if (_paused.Count > 0) ReleaseParked(buffer, ref count);
            if (count == buffer.Length) break;
            ConsumeResult<Ignore, DecodedValue<T>>? result;
            try
            {
                result = consumer.Consume(count == 0 ? _settings.PollTimeout : TimeSpan.Zero);
            }
            catch (ConsumeException error) when (!error.Error.IsFatal)
            {
                Logger.LogWarning("Kafka consume error (retrying): {Reason}", error.Error.Reason);
                continue;
            }
            if (result is null)
            {
                if (count > 0) break;
                continue;
            }
            Accept(result, buffer, ref count);
            if (count == buffer.Length) break;
        }
        // Counters are published once per batch, not per record.
        Control.AddConsumed(_consumed);
        _consumed = 0;
        // A graceful stop hands the held records back before downstream is told the stream ended, so stages release
        // partly buffered keys for the next owner instead of deciding on them.
        if (count == 0 && _handoff is not null && _partitions.Count > 0) _handoff.Revoke(_partitions.Values.Select(p => p.Window));
        return ValueTask.FromResult(count);
    }

    protected override async Task StopAsync(bool aborted)
    {
        KafkaSourceMetrics.Stopped(Control);
        var consumer = _consumer;
        if (consumer is null)
        {
            Control.SetStopped(null);
            return;
        }
        try
        {
            if (!aborted)
            {
                var deadline = Time.GetTimestamp() + (long)(_settings.ShutdownDrainTimeout.TotalSeconds * Time.TimestampFrequency);
                while (Pending() > 0 && Time.GetTimestamp() < deadline && !Aborted.IsCancellationRequested)
                {
                    await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
                }
            }
            Commit(_partitions.Values);
            _closing = true;
            var close = Task.Run(() =>
            {
                try
                {
                    consumer.Close();
                }
                finally
                {
                    consumer.Dispose();
                }
            });
            if (await Task.WhenAny(close, Task.Delay(_settings.SessionTimeout)).ConfigureAwait(false) != close)
            {
                Logger.LogWarning("Closing the Kafka consumer of group {Group} takes longer than {Timeout}; leaving it to finish in the background", _settings.GroupId, _settings.SessionTimeout);
            }
            Control.SetStopped(null);
        }
        catch (Exception error)
        {
            Control.SetStopped(error);
            throw;
        }
    }

    private IConsumer<Ignore, DecodedValue<T>> Create()
    {
        var consumer = new ConsumerBuilder<Ignore, DecodedValue<T>>(KafkaClientConfig.Consumer(_settings))
            .SetValueDeserializer(new DecodingDeserializer<T>(_deserializer))
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition).ToList(), commit: true))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition).ToList(), commit: false))
            .SetErrorHandler((_, error) =>
            {
                if (error.IsFatal) _fatal = new KafkaException(error);
                else Logger.LogWarning("Kafka client: {Reason} ({Code}); the source keeps trying", error.Reason, error.Code);
            })
            .SetLogHandler((_, message) => ConsumerDiagnostics.Log(Logger, message))
            .Build();
        consumer.Subscribe(_settings.Topics);
        _lastCommit = Time.GetTimestamp();
        KafkaSourceMetrics.Started(Control, _settings.GroupId);
        return consumer;
    }

    private void Accept(ConsumeResult<Ignore, DecodedValue<T>> result, T[] buffer, ref int count)
    {
        var state = StateOf(result.TopicPartition);
        if (state.Parked.Count > 0 || !state.Window.TryIssue(result.Offset.Value, out var receipt))
        {
            Park(state, result);
            return;
        }
        Emit(result, receipt, buffer, ref count);
    }

    private void Emit(ConsumeResult<Ignore, DecodedValue<T>> result, Receipt receipt, T[] buffer, ref int count)
    {
        _consumed++;
        var value = result.Message.Value;
        if (value.IsTombstone)
        {
            Control.AddTombstone();
            receipt.Complete();
            return;
        }
        if (value.Error is null)
        {
            buffer[count++] = _deserializer.WithReceipt(value.Record!, receipt);
            return;
        }
        DeadLetter(ConsumerDiagnostics.Malformed(result, out var error), error);
        Control.AddDeadLettered();
        receipt.Complete();
    }

    private void Park(PartitionState<T> state, ConsumeResult<Ignore, DecodedValue<T>> result)
    {
        state.Parked.Enqueue(result);
        if (state.Paused) return;
        state.Paused = true;
        _paused.Add(state);
        _consumer!.Pause([state.Partition]);
        Control.AddPause();
    }

    private void ReleaseParked(T[] buffer, ref int count)
    {
        for (var i = _paused.Count - 1; i >= 0; i--)
        {
            var state = _paused[i];
            while (count < buffer.Length && state.Parked.TryPeek(out var next) && state.Window.TryIssue(next.Offset.Value, out var receipt))
            {
                state.Parked.Dequeue();
                Emit(next, receipt, buffer, ref count);
            }
            if (state.Parked.Count > 0) continue;
            state.Paused = false;
            _paused.RemoveAt(i);
            _consumer!.Resume([state.Partition]);
        }
    }

    private PartitionState<T> StateOf(TopicPartition partition)
    {
        var last = _last;
        if (last is not null && last.Partition.Partition == partition.Partition && last.Partition.Topic == partition.Topic) return last;
        if (!_partitions.TryGetValue(partition, out var state))
        {
            state = new PartitionState<T>(partition, _settings.MaxInFlightPerPartition);
            _partitions[partition] = state;
        }
        return _last = state;
    }

    private void OnAssigned(List<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            if (!_partitions.ContainsKey(partition)) _partitions[partition] = new PartitionState<T>(partition, _settings.MaxInFlightPerPartition);
        }
        Control.SetAssignment(_partitions.Keys);
        Logger.LogInformation("Kafka group {Group}: assigned {Partitions}", _settings.GroupId, string.Join(", ", partitions));
        _listener?.OnAssigned(partitions);
    }

    private void OnRevoked(List<TopicPartition> partitions, bool commit)
    {
        var leaving = partitions.Where(_partitions.ContainsKey).Select(p => _partitions[p]).ToList();
        if (!_closing)
        {
            if (leaving.Count > 0) _handoff?.Revoke(leaving.Select(s => s.Window));
            _listener?.OnRevoking(partitions);
        }
        if (commit)
        {
            if (!_closing)
            {
                // Released records are not waited for: with a handoff, only records already decided downstream are.
                var deadline = Time.GetTimestamp() + (long)(_settings.RevokeDrainTimeout.TotalSeconds * Time.TimestampFrequency);
                while (leaving.Any(s => s.Window.Pending > 0) && Time.GetTimestamp() < deadline && !Aborted.IsCancellationRequested) Thread.Sleep(5);
            }
            Commit(leaving);
        }
        foreach (var state in leaving)
        {
            _partitions.Remove(state.Partition);
            // Parked records are dropped uncommitted (the next owner reads them); the pause must not outlive us.
            if (_paused.Remove(state) && !_closing) _consumer?.Resume([state.Partition]);
        }
        _last = null;
        Control.SetAssignment(_partitions.Keys);
        Logger.LogInformation("Kafka group {Group}: {Action} {Partitions}", _settings.GroupId, commit ? "revoked" : "lost", string.Join(", ", partitions));
    }

    private void CommitIfDue()
    {
        var now = Time.GetTimestamp();
        if (Time.GetElapsedTime(_lastCommit, now) < _settings.CommitInterval) return;
        _lastCommit = now;
        Commit(_partitions.Values);
    }

    private void Commit(IEnumerable<PartitionState<T>> states)
    {
        List<TopicPartitionOffset>? offsets = null;
        foreach (var state in states)
        {
            var committable = state.Window.Committable;
            if (committable > state.Committed) (offsets ??= new()).Add(new TopicPartitionOffset(state.Partition, committable));
        }
        if (offsets is null || _consumer is null) return;
        try
        {
            _consumer.Commit(offsets);
            foreach (var offset in offsets)
            {
                if (_partitions.TryGetValue(offset.TopicPartition, out var state)) state.Committed = offset.Offset.Value;
            }
            Control.RecordCommit(offsets);
        }
        catch (KafkaException error)
        {
            // The broker may be away; completed offsets stay committable and go out with the next commit.
            Logger.LogWarning("Kafka commit failed ({Reason}); retrying on the next interval", error.Error.Reason);
        }
    }

    private long Pending()
    {
        long total = 0;
        foreach (var state in _partitions.Values) total += state.Window.Pending;
        return total;
    }
}
