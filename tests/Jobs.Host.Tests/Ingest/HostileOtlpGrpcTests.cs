using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using OpenTelemetry.Proto.Trace.V1;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Tests.Shared;

namespace StreamJobs.Host.Tests.Ingest;

/// <summary>
/// Hostile OTLP/gRPC calls from a real gRPC client: each ends with the gRPC status the OTLP spec names and a short
/// message, memory stays bounded (the body limit holds after decompression), and the host keeps taking good calls.
/// </summary>
public sealed class HostileOtlpGrpcTests(HostileIngestHost fixture) : IClassFixture<HostileIngestHost>
{
    private const string Trace = "5b8efff798038103d269b633813fc60c";
    private const int MaxRequestBytes = 4 * 1024 * 1024;

    public static TheoryData<string, StatusCode, string> Cases => new()
    {
        { "hex:0affffffff07616263", StatusCode.InvalidArgument, "not a valid ExportTraceServiceRequest" },
        { "hex:ff", StatusCode.InvalidArgument, "not a valid ExportTraceServiceRequest" },
        // One byte over the frame limit, sent as is.
        { "zeros:4194305", StatusCode.ResourceExhausted, "" },
        // A few KB of gzip that inflates past the limit: refused while inflating, not after.
        { "gzip-zeros:67108864", StatusCode.ResourceExhausted, "larger than 4194304 bytes after decompression" },
        // 100,001 empty spans: more than MaxRecordsPerRequest, nothing taken.
        { "spans:100001", StatusCode.InvalidArgument, "more than 100000 spans" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_call_gets_its_grpc_status_with_a_message_and_the_host_stays_up(string body, StatusCode code, string message)
    {
        using var client = new OtlpGrpcClient(fixture.GrpcPort);
        var (bytes, gzip) = Body(body);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ExportAsync(bytes, gzip));

        Assert.Equal(code, error.StatusCode);
        Assert.Contains(message, error.Status.Detail);
        Assert.True(error.Status.Detail.Length < 4096, $"a {error.Status.Detail.Length}-char message");
        await AssertStillServingAsync(client);
    }

    [Fact]
    public async Task Corrupt_gzip_is_an_invalid_argument()
    {
        // Grpc.Net.Client only sends gzip it made itself, so this frame is written by hand: compressed flag, length, garbage.
        byte[] garbage = [1, 2, 3, 4, 5, 6, 7, 8];
        byte[] frame = [1, 0, 0, 0, (byte)garbage.Length, .. garbage];
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{fixture.GrpcPort}/opentelemetry.proto.collector.trace.v1.TraceService/Export")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } },
        };
        request.Headers.Add("grpc-encoding", "gzip");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        var status = response.Headers.TryGetValues("grpc-status", out var inHeaders) ? inHeaders.Single() : response.TrailingHeaders.GetValues("grpc-status").Single();
        Assert.Equal(((int)StatusCode.InvalidArgument).ToString(), status);
        using var client = new OtlpGrpcClient(fixture.GrpcPort);
        await AssertStillServingAsync(client);
    }

    [Fact]
    public async Task Rejected_spans_come_back_as_partial_success_and_the_good_ones_are_kept()
    {
        using var client = new OtlpGrpcClient(fixture.GrpcPort);
        var good = OtlpRequests.Span(Trace, "eee19b7ec3c1b174");
        var bad = OtlpRequests.Span(Trace, "eee19b7ec3c1b175");
        bad.TraceId = Google.Protobuf.ByteString.CopyFrom(new byte[5]); // not 16 bytes

        var response = await client.ExportAsync(OtlpRequests.Request("api", good, bad));

        Assert.Equal(1, response.PartialSuccess.RejectedSpans);
        Assert.Contains("traceId", response.PartialSuccess.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Grpc_calls_are_counted_by_outcome()
    {
        using var client = new OtlpGrpcClient(fixture.GrpcPort);
        await client.ExportAsync(OtlpRequests.OneSpan("5b8efff798038103d269b633813fc6aa", "api"));
        await Assert.ThrowsAsync<RpcException>(() => client.ExportAsync([0xff]));
        await Assert.ThrowsAsync<RpcException>(() => client.ExportAsync(new byte[MaxRequestBytes + 1]));

        var metrics = await fixture.Host.Http.GetStringAsync("/metrics");
        Assert.Contains("protocol=\"otlp_grpc\",status=\"200\"", metrics);
        Assert.Contains("protocol=\"otlp_grpc\",status=\"400\"", metrics);
        Assert.Contains("protocol=\"otlp_grpc\",status=\"413\"", metrics);
    }

    private static async Task AssertStillServingAsync(OtlpGrpcClient client)
    {
        var response = await client.ExportAsync(OtlpRequests.OneSpan(Trace, "api"));
        Assert.Null(response.PartialSuccess);
    }

    private static (byte[] Bytes, bool Gzip) Body(string spec)
    {
        var (kind, rest) = (spec[..spec.IndexOf(':')], spec[(spec.IndexOf(':') + 1)..]);
        return kind switch
        {
            "hex" => (Convert.FromHexString(rest), false),
            "zeros" => (new byte[int.Parse(rest)], false),
            "gzip-zeros" => (new byte[int.Parse(rest)], true),
            "spans" => (EmptySpans(int.Parse(rest)), false),
            _ => throw new ArgumentException(spec),
        };
    }

    /// <summary>resource_spans { scope_spans { spans {} × count } } on the wire.</summary>
    private static byte[] EmptySpans(int count)
    {
        var spans = new byte[count * 2];
        for (var i = 0; i < count; i++) spans[i * 2] = 0x12;
        return ProtobufWire.Field(0x0a, ProtobufWire.Field(0x12, spans));
    }
}
