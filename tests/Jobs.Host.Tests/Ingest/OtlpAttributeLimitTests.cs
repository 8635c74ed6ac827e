using System.Net;
using System.Text;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Ingest;

/// <summary>OTLP protobuf attributes, events and links count against a per-request bound before the message is built.</summary>
public sealed class OtlpAttributeLimitTests
{
    [Fact]
    public async Task Empty_attributes_past_the_derived_bound_answer_413_naming_the_setting()
    {
        await using var host = await InProcessHost.StartAsync();
        using var refused = await PostAsync(host, attributes: 300_000); // 600 KB of 2-byte attributes; the bound is 4 MiB / 16

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("StreamJobs:Jobs:span-ingest:MaxAttributesPerRequest is 262144", Encoding.UTF8.GetString(await refused.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task The_bound_is_configurable()
    {
        await using var host = await InProcessHost.StartAsync("--StreamJobs:Jobs:span-ingest:MaxAttributesPerRequest=3");

        using var atLimit = await PostAsync(host, attributes: 3);
        using var pastLimit = await PostAsync(host, attributes: 4);

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, pastLimit.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(InProcessHost host, int attributes)
    {
        // ExportTraceServiceRequest{resource_spans{scope_spans{spans{trace_id, span_id, name, attributes × n (empty)}}}}
        var span = new List<byte>();
        Field(span, 0x0A, Convert.FromHexString("5af7183fb1d4cf5f0000000000000abe"));
        Field(span, 0x12, Convert.FromHexString("0000000000000001"));
        Field(span, 0x2A, "op"u8.ToArray());
        for (int i = 0; i < attributes; i++) span.AddRange([0x4A, 0x00]);
        var scope = new List<byte>();
        Field(scope, 0x12, [.. span]);
        var resource = new List<byte>();
        Field(resource, 0x12, [.. scope]);
        var request = new List<byte>();
        Field(request, 0x0A, [.. resource]);
        var content = new ByteArrayContent([.. request]) { Headers = { ContentType = new("application/x-protobuf") } };
        return await host.Http.PostAsync("/v1/traces", content);
    }

    private static void Field(List<byte> message, byte tag, byte[] value)
    {
        message.Add(tag);
        for (var length = (ulong)value.Length; ; length >>= 7)
        {
            if (length < 0x80)
            {
                message.Add((byte)length);
                break;
            }

            message.Add((byte)(length | 0x80));
        }

        message.AddRange(value);
    }
}
