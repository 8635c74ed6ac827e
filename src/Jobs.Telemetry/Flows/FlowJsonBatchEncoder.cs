using System.Text.Json;

namespace StreamJobs.Telemetry.Flows;

/// <summary>Writes flows as a JSON batch (an array of flow objects, <see cref="FlowJsonFields"/>).</summary>
public static class FlowJsonBatchEncoder
{
    /// <summary>Writes <paramref name="flows"/> as one JSON array.</summary>
    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<FlowRecord> flows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (ref readonly var flow in flows)
        {
            writer.WriteStartObject();
            WriteProperties(writer, flow);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes the properties of one flow (the fields of a JSON batch's flow object) into the object the caller opened,
    /// so records that extend a flow (an enriched flow) carry the same names and forms.
    /// </summary>
    public static void WriteProperties(Utf8JsonWriter writer, in FlowRecord flow)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> ip = stackalloc char[IpAddress.MaxTextLength];
        flow.LocalIp.TryFormat(ip, out int n);
        writer.WriteString(FlowJsonFields.LocalIp, ip[..n]);
        writer.WriteNumber(FlowJsonFields.LocalPort, flow.LocalPort);
        flow.RemoteIp.TryFormat(ip, out n);
        writer.WriteString(FlowJsonFields.RemoteIp, ip[..n]);
        writer.WriteNumber(FlowJsonFields.RemotePort, flow.RemotePort);
        switch (flow.Protocol)
        {
            case FlowProtocol.Tcp: writer.WriteString(FlowJsonFields.Protocol, "tcp"); break;
            case FlowProtocol.Udp: writer.WriteString(FlowJsonFields.Protocol, "udp"); break;
            default: writer.WriteNumber(FlowJsonFields.Protocol, (byte)flow.Protocol); break;
        }

        writer.WriteString(FlowJsonFields.Direction, flow.Direction switch
        {
            FlowDirection.Client => "client",
            FlowDirection.Server => "server",
            _ => "unknown",
        });
        writer.WriteNumber(FlowJsonFields.StartMs, flow.StartUnixMs);
        writer.WriteNumber(FlowJsonFields.EndMs, flow.EndUnixMs);
        writer.WriteNumber(FlowJsonFields.BytesSent, flow.BytesSent);
        writer.WriteNumber(FlowJsonFields.BytesReceived, flow.BytesReceived);
        writer.WriteNumber(FlowJsonFields.PacketsSent, flow.PacketsSent);
        writer.WriteNumber(FlowJsonFields.PacketsReceived, flow.PacketsReceived);
        writer.WriteNumber(FlowJsonFields.Retransmits, flow.Retransmits);
        writer.WriteNumber(FlowJsonFields.SrttUs, flow.SmoothedRttMicros);
        if (flow.LocalWorkload is not null)
        {
            writer.WriteString(FlowJsonFields.LocalWorkload, flow.LocalWorkload);
        }
    }

    /// <summary>Returns <paramref name="flows"/> as UTF-8 JSON.</summary>
    public static byte[] ToUtf8(ReadOnlySpan<FlowRecord> flows)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, flows);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
