using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using StreamJobs.Acknowledgement;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Kafka.Serialization;

/// <summary>
/// Flow records as Kafka records: the value is one binary flow datagram (version 1, docs/flows.md) holding exactly
/// one record, its local identity (if any) in the identity section; the key is the flow key (<see cref="KeyOf"/>), so
/// every interval of one connection lands on the same partition and so on one replica at a time.
/// </summary>
public sealed class FlowSerde : IKafkaDeserializer<FlowRecord>, IKafkaSerializer<FlowRecord>
{
    /// <summary>The longest value: header, one identity of at most 255 bytes, one record.</summary>
    public const int MaxValueSize = FlowBinaryFormat.HeaderSize + 1 + FlowBinaryFormat.MaxIdentityBytes + FlowBinaryFormat.RecordSize;

    [ThreadStatic] private static FlowDatagramEncoder? t_encoder;
    [ThreadStatic] private static FlowDatagramDecoder? t_decoder;
    [ThreadStatic] private static FlowRecord[]? t_one;

    private FlowSerde()
    {
    }

    /// <summary>The shared instance (stateless; per-thread encoder, decoder and name table).</summary>
    public static FlowSerde Instance { get; } = new();

    /// <summary>
    /// The flow key: <c>localIp|localPort|remoteIp|remotePort|protocol</c> (addresses as RFC 5952 / dotted text, the
    /// protocol as its IANA number), e.g. <c>10.0.0.1|43512|10.0.0.9|443|6</c>.
    /// </summary>
    public static string KeyOf(FlowRecord flow)
    {
        Span<char> text = stackalloc char[(2 * IpAddress.MaxTextLength) + 20];
        int n = 0;
        flow.LocalIp.TryFormat(text, out int written);
        n += written;
        text[n++] = '|';
        flow.LocalPort.TryFormat(text[n..], out written);
        n += written;
        text[n++] = '|';
        flow.RemoteIp.TryFormat(text[n..], out written);
        n += written;
        text[n++] = '|';
        flow.RemotePort.TryFormat(text[n..], out written);
        n += written;
        text[n++] = '|';
        ((byte)flow.Protocol).TryFormat(text[n..], out written);
        n += written;
        return new string(text[..n]);
    }

    /// <summary>The receipt a flow carries.</summary>
    public static Receipt ReceiptOf(FlowRecord flow) => flow.Receipt;

    /// <inheritdoc />
    public bool TryDeserialize(ReadOnlySpan<byte> value, out FlowRecord record, [NotNullWhen(false)] out string? error)
    {
        record = default;
        int declared = FlowDatagramDecoder.PeekRecordCount(value);
        if (declared is 0 or > 1)
        {
            error = $"expected a flow datagram with exactly one record, found {declared}";
            return false;
        }

        var decoder = t_decoder ??= new FlowDatagramDecoder();
        var one = t_one ??= new FlowRecord[1];
        var result = decoder.Decode(value, one);
        if (result.Status != FlowDatagramStatus.Ok)
        {
            error = $"a flow record value is one binary flow datagram (docs/flows.md); this one is dropped: {result.Status}";
            return false;
        }

        if (result.RecordsDecoded != 1)
        {
            error = $"malformed flow record: {result.FirstError}";
            return false;
        }

        record = one[0];
        one[0] = default;
        error = null;
        return true;
    }

    /// <inheritdoc />
    public FlowRecord WithReceipt(FlowRecord record, Receipt receipt) => record with { Receipt = receipt };

    /// <inheritdoc />
    public void Serialize(FlowRecord record, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var encoder = t_encoder ??= new FlowDatagramEncoder();
        var destination = output.GetSpan(MaxValueSize)[..MaxValueSize];
        int length = encoder.Encode(MemoryMarshal.CreateReadOnlySpan(ref record, 1), destination, 0, out int written);
        if (written != 1)
        {
            throw new ArgumentException("The flow record could not be encoded.", nameof(record));
        }

        output.Advance(length);
    }
}
