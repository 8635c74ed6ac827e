using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using System.Text.Json;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace StreamJobs.Spans.Benchmarks;

/// <summary>
/// The limit: a minimal ASP.NET Core endpoint that reads the same bodies and parses them (Zipkin JSON with
/// <see cref="Utf8JsonReader"/>, OTLP with Google.Protobuf) and does nothing else. Run in its own process
/// (<c>Spans.Benchmarks --parse-only PORT</c>) so its CPU is measured like the host's.
/// </summary>
internal static class ParseOnlyServer
{
    public static async Task RunAsync(int port, int grpcPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, port);
            kestrel.Listen(System.Net.IPAddress.Loopback, grpcPort, listen => listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
        });
        var app = builder.Build();
        app.MapGet("/readyz", () => "ready");
        app.MapPost("/api/v2/spans", async (HttpRequest request) =>
        {
            var (buffer, length) = await ReadAsync(request);
            try
            {
                return CountZipkinSpans(buffer.AsSpan(0, length)) > 0 ? Results.Accepted() : Results.BadRequest();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            var (buffer, length) = await ReadAsync(request);
            try
            {
                var parsed = ExportTraceServiceRequest.Parser.ParseFrom(buffer, 0, length);
                return parsed.ResourceSpans.Count > 0 ? Results.Bytes([], "application/x-protobuf") : Results.BadRequest();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });
        // gRPC by hand, as little as a server can do: skip the 5-byte frame header, parse, answer an empty message.
        app.MapPost(SpanBodies.GrpcPath, async (HttpContext http) =>
        {
            var (buffer, length) = await ReadAsync(http.Request);
            try
            {
                var parsed = ExportTraceServiceRequest.Parser.ParseFrom(buffer, 5, length - 5);
                http.Response.ContentType = "application/grpc";
                http.Response.AppendTrailer("grpc-status", parsed.ResourceSpans.Count > 0 ? "0" : "3");
                await http.Response.Body.WriteAsync(new byte[5]);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });
        await app.RunAsync();
    }

    private static async Task<(byte[] Buffer, int Length)> ReadAsync(HttpRequest request)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)(request.ContentLength ?? 64 * 1024));
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length))) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
            }
        }
        return (buffer, length);
    }

    /// <summary>Walks every token (values included, as a parser must) and counts the top-level span objects.</summary>
    private static int CountZipkinSpans(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var spans = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 1) spans++;
            else if (reader.TokenType == JsonTokenType.String) _ = reader.ValueSpan.Length;
        }
        return spans;
    }
}
