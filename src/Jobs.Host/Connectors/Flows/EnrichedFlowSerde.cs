using System.Buffers;
using System.Text.Json;
using StreamJobs.FlowEnricher;
using StreamJobs.Kafka.Serialization;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Connectors.Flows;

/// <summary>
/// Enriched flows as records of the output topic: one JSON object per value, the flow's fields (names as in JSON
/// flow batches, docs/flows.md) plus <c>localApp</c>, <c>remoteApp</c> (null when unknown), <c>localSource</c>,
/// <c>remoteSource</c> (<c>unknown</c>, <c>range</c>, <c>heartbeat</c>, <c>cidr</c>) and <c>waited</c>. Keyed by the flow key.
/// </summary>
internal sealed class EnrichedFlowSerde : IKafkaSerializer<EnrichedFlow>
{
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    private EnrichedFlowSerde()
    {
    }

    public static EnrichedFlowSerde Instance { get; } = new();

    public static string KeyOf(EnrichedFlow flow) => FlowSerde.KeyOf(flow.Flow);

    public static StreamJobs.Acknowledgement.Receipt ReceiptOf(EnrichedFlow flow) => flow.Flow.Receipt;

    public static string SourceName(AttributionSource source) => source switch
    {
        AttributionSource.Range => "range",
        AttributionSource.Heartbeat => "heartbeat",
        AttributionSource.Cidr => "cidr",
        _ => "unknown",
    };

    public void Serialize(EnrichedFlow record, IBufferWriter<byte> output)
    {
        var writer = t_writer;
        if (writer is null) t_writer = writer = new Utf8JsonWriter(output);
        else writer.Reset(output);
        Write(writer, record);
        writer.Flush();
        writer.Reset(Stream.Null);
    }

    public static void Write(Utf8JsonWriter writer, in EnrichedFlow record)
    {
        writer.WriteStartObject();
        FlowJsonBatchEncoder.WriteProperties(writer, record.Flow);
        writer.WriteString("localApp", record.LocalApp);
        writer.WriteString("remoteApp", record.RemoteApp);
        writer.WriteString("localSource", SourceName(record.LocalSource));
        writer.WriteString("remoteSource", SourceName(record.RemoteSource));
        writer.WriteBoolean("waited", record.Waited);
        writer.WriteEndObject();
    }
}
