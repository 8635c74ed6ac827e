using System.Text.Json;
using StreamJobs.FlowEnricher.Windows;

namespace StreamJobs.Host.Flows;

/// <summary>Writes one <see cref="FlowWindow"/> as a JSON object (one NDJSON line), times as ISO 8601 and Unix ms.</summary>
internal static class FlowWindowJsonWriter
{
    public static void Write(Utf8JsonWriter writer, FlowWindow window)
    {
        writer.WriteStartObject();
        writer.WriteString("windowStart", DateTimeOffset.FromUnixTimeMilliseconds(window.WindowStartUnixMs));
        writer.WriteString("windowEnd", DateTimeOffset.FromUnixTimeMilliseconds(window.WindowEndUnixMs));
        writer.WriteNumber("windowStartMs", window.WindowStartUnixMs);
        writer.WriteString("localApp", window.LocalApp);
        writer.WriteString("remoteApp", window.RemoteApp);
        writer.WriteNumber("flows", window.Flows);
        writer.WriteNumber("bytesSent", window.BytesSent);
        writer.WriteNumber("bytesReceived", window.BytesReceived);
        writer.WriteNumber("packetsSent", window.PacketsSent);
        writer.WriteNumber("packetsReceived", window.PacketsReceived);
        writer.WriteNumber("retransmits", window.Retransmits);
        writer.WriteNumber("rttSamples", window.RttSamples);
        writer.WriteNumber("rttP50Us", window.RttP50Micros);
        writer.WriteNumber("rttP90Us", window.RttP90Micros);
        writer.WriteNumber("rttP99Us", window.RttP99Micros);
        writer.WriteBoolean("rttExact", window.RttExact);
        writer.WriteEndObject();
    }
}
