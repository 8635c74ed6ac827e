using System.Buffers;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamJobs.Acknowledgement;
using StreamJobs.Kafka.Serialization;
using StreamJobs.Streams;

namespace StreamJobs.Kafka.Producer;

/// <summary>
/// One run of a Kafka sink: serializes a batch, produces it keyed, waits for every delivery report, and only then
/// completes the receipts of the records Kafka has. Records that failed for a passing reason (broker away, timeout)
/// are produced again after <see cref="KafkaProducerSettings.RetryBackoff"/> until they land or the graph is aborted;
/// records refused for good are dead-lettered (and their receipts completed). A full client queue makes it wait.
/// </summary>
internal sealed class KafkaSinkLogic<T> : AcknowledgingSinkLogic<T>
{
    private readonly KafkaProducerSettings _settings;
    // Null for a sink of tombstones: every record is a key with a null value.
    private readonly IKafkaSerializer<T>? _serializer;
    private readonly Func<T, string?> _keyOf;
    private readonly Func<T, Receipt>? _receiptOf;
    private readonly ArrayBufferWriter<byte> _scratch = new(1024);
    private readonly Action<DeliveryReport<string?, PendingRecord>> _onDelivery;
    private PendingRecord[] _pending = [];
    private IProducer<string?, PendingRecord>? _producer;
    private TaskCompletionSource? _delivered;
    private int _outstanding;

    public KafkaSinkLogic(KafkaProducerSettings settings, IKafkaSerializer<T>? serializer, Func<T, string?> keyOf, Func<T, Receipt>? receiptOf)
    {
        _settings = settings;
        _serializer = serializer;
        _keyOf = keyOf;
        _receiptOf = receiptOf;
        _onDelivery = OnDelivery;
    }

    protected override async ValueTask WriteAsync(Batch<T> batch, CancellationToken aborted)
    {
        var producer = _producer ??= new ProducerBuilder<string?, PendingRecord>(KafkaClientConfig.Producer(_settings))
            .SetValueSerializer(PendingRecordSerializer.Instance)
            .SetLogHandler((_, message) =>
            {
                if (message.Level <= SyslogLevel.Error) Logger.LogWarning("librdkafka {Facility}: {Message}", message.Facility, message.Message);
            })
            .Build();
        var left = Serialize(batch);
        while (left > 0)
        {
            aborted.ThrowIfCancellationRequested();
            await ProduceAllAsync(producer, batch.Count, aborted).ConfigureAwait(false);
            left = Settle(batch);
            if (left > 0) await Task.Delay(_settings.RetryBackoff, aborted).ConfigureAwait(false);
        }
    }

    protected override ValueTask FlushAsync()
    {
        _producer?.Flush(_settings.DeliveryTimeout);
        return default;
    }

    protected override void Close() => _producer?.Dispose();

    private int Serialize(Batch<T> batch)
    {
        if (_pending.Length < batch.Count)
        {
            var grown = new PendingRecord[batch.Count];
            _pending.CopyTo(grown, 0);
            for (var i = _pending.Length; i < grown.Length; i++) grown[i] = new PendingRecord { Index = i };
            _pending = grown;
        }
        var left = 0;
        var records = batch.Span;
        for (var i = 0; i < records.Length; i++)
        {
            var pending = _pending[i];
            pending.Error = null;
            try
            {
                if (_serializer is null)
                {
                    pending.Value = null;
                }
                else
                {
                    _scratch.ResetWrittenCount();
                    _serializer.Serialize(records[i], _scratch);
                    pending.Value = _scratch.WrittenSpan.ToArray();
                }
                pending.Key = _keyOf(records[i]);
                pending.State = PendingState.Pending;
                left++;
            }
            catch (Exception error)
            {
                pending.State = PendingState.Done;
                pending.Value = [];
                DeadLetter(records[i], new KafkaProduceException($"The record could not be serialized for topic {_settings.Topic}: {error.Message}", error));
                ReceiptOf(records[i]).Complete();
            }
        }
        return left;
    }

    private async Task ProduceAllAsync(IProducer<string?, PendingRecord> producer, int count, CancellationToken aborted)
    {
        _delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _outstanding = 1; // held until every record is handed over, so an early report cannot finish the batch
        for (var i = 0; i < count; i++)
        {
            var pending = _pending[i];
            if (pending.State != PendingState.Pending) continue;
            pending.State = PendingState.InFlight;
            Interlocked.Increment(ref _outstanding);
            while (true)
            {
                try
                {
                    producer.Produce(_settings.Topic, new Message<string?, PendingRecord> { Key = pending.Key, Value = pending }, _onDelivery);
                    break;
                }
                catch (ProduceException<string?, PendingRecord> error) when (error.Error.Code == ErrorCode.Local_QueueFull)
                {
                    // The client's bounded queue is full (the broker is slow or away): wait instead of dropping.
                    await Task.Delay(5, aborted).ConfigureAwait(false);
                }
                catch (ProduceException<string?, PendingRecord> error)
                {
                    pending.Error = error.Error;
                    pending.State = PendingState.Pending;
                    Interlocked.Decrement(ref _outstanding);
                    break;
                }
            }
        }
        if (Interlocked.Decrement(ref _outstanding) == 0) _delivered.TrySetResult();
        await _delivered.Task.WaitAsync(aborted).ConfigureAwait(false);
    }

    private void OnDelivery(DeliveryReport<string?, PendingRecord> report)
    {
        var pending = report.Message.Value;
        if (report.Error.IsError) pending.Error = report.Error;
        if (Interlocked.Decrement(ref _outstanding) == 0) _delivered!.TrySetResult();
    }

    // Completes the receipts of delivered records, dead-letters the ones refused for good; returns how many to retry.
    private int Settle(Batch<T> batch)
    {
        var retry = 0;
        var records = batch.Span;
        Error? example = null;
        for (var i = 0; i < records.Length; i++)
        {
            var pending = _pending[i];
            if (pending.State == PendingState.Done) continue;
            var error = pending.Error;
            if (error is null || !error.IsError)
            {
                pending.State = PendingState.Done;
                ReceiptOf(records[i]).Complete();
            }
            else if (IsPermanent(error.Code))
            {
                pending.State = PendingState.Done;
                DeadLetter(records[i], new KafkaProduceException($"Kafka refused a record for topic {_settings.Topic}: {error.Reason} ({error.Code})", error.Code));
                ReceiptOf(records[i]).Complete();
            }
            else
            {
                pending.State = PendingState.Pending;
                pending.Error = null;
                example = error;
                retry++;
            }
        }
        if (retry > 0)
        {
            Logger.LogWarning("Kafka did not take {Count} records for topic {Topic} ({Reason}); producing them again in {Backoff}", retry, _settings.Topic, example!.Reason, _settings.RetryBackoff);
        }
        return retry;
    }

    private Receipt ReceiptOf(T record) => _receiptOf is null ? default : _receiptOf(record);

    private static bool IsPermanent(ErrorCode code) => code is ErrorCode.MsgSizeTooLarge
        or ErrorCode.InvalidMsg or ErrorCode.InvalidMsgSize or ErrorCode.RecordListTooLarge or ErrorCode.TopicException
        or ErrorCode.TopicAuthorizationFailed or ErrorCode.Local_BadMsg or ErrorCode.Local_KeySerialization or ErrorCode.Local_ValueSerialization;
}
