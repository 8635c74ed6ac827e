using System.Globalization;
using Microsoft.Net.Http.Headers;
using StreamJobs.Host.Memory;
using StreamJobs.Telemetry.Otlp;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// Zipkin <c>POST /api/v2/spans</c> (JSON array; 202) and OTLP/HTTP <c>POST /v1/traces</c> (protobuf or JSON; 200
/// with an <c>ExportTraceServiceResponse</c>). Both offer the parsed spans to <see cref="SpanIngestJob"/>'s queue.
/// Good spans of a batch are kept even when others are rejected; see docs/spans.md for every status code. The steps
/// after reading the body are <see cref="SpanIngestSteps"/>'s, shared with OTLP/gRPC.
/// </summary>
internal static class SpanIngestEndpoints
{
    private const string Zipkin = "zipkin";
    private const string Otlp = "otlp";
    private const string Protobuf = "application/x-protobuf";
    private const string Settings = "StreamJobs:Jobs:span-ingest";

    public static void MapSpanIngest(this WebApplication app)
    {
        app.MapPost("/api/v2/spans", ZipkinAsync).RequireRateLimiting(IngestConcurrency.Policy);
        app.MapPost("/v1/traces", OtlpAsync).RequireRateLimiting(IngestConcurrency.Policy);
    }

    private static async Task ZipkinAsync(HttpContext http, SpanIngestGate gate, ILoggerFactory loggers)
    {
        var mediaType = MediaType(http.Request);
        if (mediaType is not (null or "application/json"))
        {
            await AnswerTextAsync(http, gate, Zipkin, 415, $"Content-Type '{mediaType}' is not supported here; send a Zipkin v2 JSON array as application/json.");
            return;
        }
        using var body = await RequestBody.ReadAsync(http.Request, gate.Limits.MaxRequestBytes, Settings + ":MaxRequestBytes", http.RequestAborted);
        if (body.Status != 0)
        {
            await AnswerTextAsync(http, gate, Zipkin, body.Status, body.Error!);
            return;
        }
        var outcome = await SpanIngestSteps.RunAsync(gate, Zipkin, SpanFormat.ZipkinJson, body.Memory, http.Request.Headers, http.RequestAborted);
        if (outcome.RetryLater) http.Response.Headers.RetryAfter = gate.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (outcome.Verdict != SpanIngestVerdict.Accepted)
        {
            await AnswerTextAsync(http, gate, Zipkin, outcome.HttpStatus, outcome.Message!);
            return;
        }
        if (outcome.Problems)
        {
            // Zipkin clients only look at the status; the good spans are kept, the bad ones counted, named here and logged.
            http.Response.Headers["X-Rejected-Spans"] = outcome.Rejected.ToString(CultureInfo.InvariantCulture);
            loggers.CreateLogger("StreamJobs.Ingest").LogWarning("Zipkin ingest rejected {Rejected} of {Total} span(s): {Errors}", outcome.Rejected, outcome.Rejected + outcome.Accepted, outcome.Message);
        }
        await AnswerTextAsync(http, gate, Zipkin, 202, outcome.Problems ? $"accepted {outcome.Accepted} span(s); rejected {outcome.Rejected}: {outcome.Message}" : "");
    }

    private static async Task OtlpAsync(HttpContext http, SpanIngestGate gate, ILoggerFactory loggers)
    {
        var mediaType = MediaType(http.Request);
        var json = mediaType == "application/json";
        if (!json && mediaType != Protobuf)
        {
            await AnswerStatusAsync(http, gate, json, 415, 3, $"Content-Type '{mediaType}' is not supported; send {Protobuf} or application/json.");
            return;
        }
        using var body = await RequestBody.ReadAsync(http.Request, gate.Limits.MaxRequestBytes, Settings + ":MaxRequestBytes", http.RequestAborted);
        if (body.Status != 0)
        {
            await AnswerStatusAsync(http, gate, json, body.Status, 3, body.Error!);
            return;
        }
        var outcome = await SpanIngestSteps.RunAsync(gate, Otlp, json ? SpanFormat.OtlpJson : SpanFormat.OtlpProtobuf, body.Memory, http.Request.Headers, http.RequestAborted);
        if (outcome.RetryLater) http.Response.Headers.RetryAfter = gate.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (outcome.Verdict != SpanIngestVerdict.Accepted)
        {
            await AnswerStatusAsync(http, gate, json, outcome.HttpStatus, outcome.GrpcCode, outcome.Message!);
            return;
        }
        var message = outcome.Rejected == 0 ? null : outcome.Message;
        if (message is not null) OtlpIngestLog.Rejected(loggers, outcome);
        gate.Metrics.Request(Otlp, 200);
        http.Response.StatusCode = 200;
        if (json)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(OtlpExportResponse.Json(outcome.Rejected, message));
        }
        else
        {
            http.Response.ContentType = Protobuf;
            await http.Response.Body.WriteAsync(OtlpExportResponse.Protobuf(outcome.Rejected, message));
        }
    }

    private static string? MediaType(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : request.ContentType;

    private static Task AnswerTextAsync(HttpContext http, SpanIngestGate gate, string protocol, int status, string message)
    {
        gate.Metrics.Request(protocol, status);
        http.Response.StatusCode = status;
        if (message.Length == 0) return Task.CompletedTask;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(message + "\n");
    }

    private static async Task AnswerStatusAsync(HttpContext http, SpanIngestGate gate, bool json, int status, int grpcCode, string message)
    {
        gate.Metrics.Request(Otlp, status);
        http.Response.StatusCode = status;
        if (json)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsJsonAsync(new { code = grpcCode, message });
        }
        else
        {
            http.Response.ContentType = Protobuf;
            await http.Response.Body.WriteAsync(OtlpExportResponse.StatusProtobuf(grpcCode, message));
        }
    }
}
