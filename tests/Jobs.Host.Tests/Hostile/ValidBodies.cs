using static StreamJobs.Tests.Shared.ProtobufWire;
using System.Buffers.Binary;
using System.Text;

namespace StreamJobs.Host.Tests.Hostile;

/// <summary>One valid body per ingest endpoint: what the fuzz loop mutates.</summary>
internal static class ValidBodies
{
    public static byte[] Zipkin => Encoding.UTF8.GetBytes(
        """[{"traceId":"5af7183fb1d4cf5f0000000000000abc","id":"0000000000000001","name":"GET /","kind":"SERVER","timestamp":1700000000000000,"duration":1500,"localEndpoint":{"serviceName":"api","ipv4":"10.0.0.1"},"tags":{"http.status_code":"200"}}]""");

    public static byte[] OtlpJson => Encoding.UTF8.GetBytes(
        """{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},"scopeSpans":[{"spans":[{"traceId":"5af7183fb1d4cf5f0000000000000abd","spanId":"0000000000000001","name":"op","kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000001000000","attributes":[{"key":"http.status_code","value":{"intValue":"200"}}],"status":{"code":0}}]}]}]}""");

    public static byte[] Flows => Encoding.UTF8.GetBytes(
        """[{"localIp":"10.0.0.1","remoteIp":"10.0.0.2","localPort":40000,"remotePort":5432,"startMs":1700000000000,"endMs":1700000000500,"protocol":"tcp","direction":"client","bytesSent":100,"bytesReceived":200,"localWorkload":"api"}]""");

    public static byte[] Ownership => Encoding.UTF8.GetBytes(
        """[{"ip":"10.0.0.9","workload":"db","timestampMs":1700000000000,"change":"assigned"}]""");

    public static string TapQuery => "select traceId, name, duration from spans where duration > 5 and name ==~ /GET.*/ limit 1";

    /// <summary>ExportTraceServiceRequest { resource_spans { scope_spans { spans { trace_id, span_id, name, start, end } } } }, encoded by hand.</summary>
    public static byte[] OtlpProtobuf
    {
        get
        {
            byte[] span =
            [
                .. Field(0x0A, Convert.FromHexString("5af7183fb1d4cf5f0000000000000abe")),
                .. Field(0x12, Convert.FromHexString("0000000000000001")),
                .. Field(0x2A, "op"u8.ToArray()),
                .. Fixed64(0x39, 1_700_000_000_000_000_000UL),
                .. Fixed64(0x41, 1_700_000_000_001_000_000UL),
            ];
            return Field(0x0A, Field(0x12, Field(0x12, span)));
        }
    }

    /// <summary>A flow datagram header with no identities, claiming <paramref name="recordCount"/> records.</summary>
    public static byte[] DatagramHeader(ushort recordCount)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x4C464A53);
        header[4] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), recordCount);
        return header;
    }
}
