using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using StreamJobs.Acknowledgement;
using StreamJobs.Kafka.Serialization;

namespace StreamJobs.Kafka.Tests.Support;

/// <summary>UTF-8 text records; a value starting with "bad" is rejected as malformed.</summary>
public sealed class TextSerde : IKafkaDeserializer<TextRecord>, IKafkaSerializer<TextRecord>
{
    public static TextSerde Instance { get; } = new();

    public bool TryDeserialize(ReadOnlySpan<byte> value, [MaybeNullWhen(false)] out TextRecord record, [NotNullWhen(false)] out string? error)
    {
        if (value.StartsWith("bad"u8))
        {
            record = null;
            error = "bad record";
            return false;
        }
        record = new TextRecord { Text = Encoding.UTF8.GetString(value) };
        error = null;
        return true;
    }

    public TextRecord WithReceipt(TextRecord record, Receipt receipt)
    {
        record.Receipt = receipt;
        return record;
    }

    public void Serialize(TextRecord record, IBufferWriter<byte> output) => Encoding.UTF8.GetBytes(record.Text, output);
}
