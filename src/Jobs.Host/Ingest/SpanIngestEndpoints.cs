using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Net.Http.Headers;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Otlp;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Zipkin;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// Zipkin <c>POST /api/v2/spans</c> (JSON array; 202) and OTLP/HTTP <c>POST /v1/traces</c> (protobuf or JSON; 200
/// with an <c>ExportTraceServiceResponse</c>). Both offer the parsed spans to <see cref="SpanIngestJob"/>'s queue.
/// Good spans of a batch are kept even when others are rejected; see docs/spans.md for every status code.
/// </summary>
internal static class SpanIngestEndpoints
{
    private const string Zipkin = "zipkin";
    private const string Otlp = "otlp";
    private const string Protobuf = "application/x-protobuf";

    public static void MapSpanIngest(this WebApplication app)
    {
        app.MapPost("/api/v2/spans", ZipkinAsync);
        app.MapPost("/v1/traces", OtlpAsync);
    }

    private static async Task ZipkinAsync(HttpContext http, SpanIngestGate gate, ILoggerFactory loggers)
    {
        var response = http.Response;
        var mediaType = MediaType(http.Request);
        if (mediaType is not (null or "application/json"))
        {
            await AnswerTextAsync(http, gate, Zipkin, 415, $"Content-Type '{mediaType}' is not supported here; send a Zipkin v2 JSON array as application/json.");
            return;
        }
        using var body = await RequestBody.ReadAsync(http.Request, gate.Limits.MaxRequestBytes, http.RequestAborted);
        if (body.Status != 0)
        {
            await AnswerTextAsync(http, gate, Zipkin, body.Status, body.Error!);
            return;
        }
        var spans = new List<Span>();
        var errors = new List<SpanParseError>();
        ZipkinJsonParser.Parse(body.Bytes, spans, errors);
        if (spans.Count == 0 && errors.Count > 0)
        {
            gate.Metrics.Spans(Zipkin, 0, errors.Count);
            await AnswerTextAsync(http, gate, Zipkin, 400, "no span could be read: " + Describe(errors));
            return;
        }
        B3IngestRule.Apply(http.Request.Headers, spans, gate.Metrics);
        switch (gate.TryOffer(CollectionsMarshal.AsSpan(spans), out var delivered))
        {
            case OfferResult.Full:
                response.Headers.RetryAfter = gate.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await AnswerTextAsync(http, gate, Zipkin, 429, "the ingest queue is full; retry later.");
                return;
            case OfferResult.NotRunning:
                await AnswerTextAsync(http, gate, Zipkin, 503, "span ingest is not running.");
                return;
        }
        gate.Metrics.Spans(Zipkin, spans.Count, errors.Count);
        if (!await DeliveredAsync(delivered, gate, http))
        {
            await AnswerTextAsync(http, gate, Zipkin, 503, NotDelivered(gate));
            return;
        }
        if (errors.Count > 0)
        {
            // Zipkin clients only look at the status; the good spans are kept, the bad ones counted, named here and logged.
            response.Headers["X-Rejected-Spans"] = errors.Count.ToString(CultureInfo.InvariantCulture);
            loggers.CreateLogger("StreamJobs.Ingest").LogWarning("Zipkin ingest rejected {Rejected} of {Total} span(s): {Errors}", errors.Count, errors.Count + spans.Count, Describe(errors));
        }
        await AnswerTextAsync(http, gate, Zipkin, 202, errors.Count == 0 ? "" : $"accepted {spans.Count} span(s); rejected {errors.Count}: {Describe(errors)}");
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
        using var body = await RequestBody.ReadAsync(http.Request, gate.Limits.MaxRequestBytes, http.RequestAborted);
        if (body.Status != 0)
        {
            await AnswerStatusAsync(http, gate, json, body.Status, 3, body.Error!);
            return;
        }
        var spans = new List<Span>();
        var errors = new List<SpanParseError>();
        if (json) OtlpTraceParser.ParseJson(body.Bytes, spans, errors);
        else OtlpTraceParser.ParseProtobuf(body.Bytes, spans, errors);
        if (errors.Exists(e => e.Index < 0))
        {
            gate.Metrics.Spans(Otlp, 0, Math.Max(1, errors.Count));
            await AnswerStatusAsync(http, gate, json, 400, 3, "the request could not be read: " + Describe(errors));
            return;
        }
        B3IngestRule.Apply(http.Request.Headers, spans, gate.Metrics);
        switch (gate.TryOffer(CollectionsMarshal.AsSpan(spans), out var delivered))
        {
            case OfferResult.Full:
                http.Response.Headers.RetryAfter = gate.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await AnswerStatusAsync(http, gate, json, 503, 14, "the ingest queue is full; retry later.");
                return;
            case OfferResult.NotRunning:
                await AnswerStatusAsync(http, gate, json, 503, 14, "span ingest is not running.");
                return;
        }
        gate.Metrics.Spans(Otlp, spans.Count, errors.Count);
        if (!await DeliveredAsync(delivered, gate, http))
        {
            await AnswerStatusAsync(http, gate, json, 503, 14, NotDelivered(gate));
            return;
        }
        var message = errors.Count == 0 ? null : Describe(errors);
        if (message is not null)
            loggers.CreateLogger("StreamJobs.Ingest").LogWarning("OTLP ingest rejected {Rejected} of {Total} span(s): {Errors}", errors.Count, errors.Count + spans.Count, message);
        gate.Metrics.Request(Otlp, 200);
        http.Response.StatusCode = 200;
        if (json)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(OtlpExportResponse.Json(errors.Count, message));
        }
        else
        {
            http.Response.ContentType = Protobuf;
            await http.Response.Body.WriteAsync(OtlpExportResponse.Protobuf(errors.Count, message));
        }
    }

    /// <summary>
    /// With Kafka, waits up to <see cref="SpanIngestParameters.DeliveryTimeout"/> for the broker to hold the request's
    /// spans; false (with Retry-After set) when it does not in time. Without Kafka there is nothing to wait for.
    /// </summary>
    private static async Task<bool> DeliveredAsync(Task? delivered, SpanIngestGate gate, HttpContext http)
    {
        if (await DeliveryReceipt.WaitAsync(delivered, gate.Limits.DeliveryTimeout, http.RequestAborted)) return true;
        http.Response.Headers.RetryAfter = gate.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return false;
    }

    private static string NotDelivered(SpanIngestGate gate) =>
        $"the spans were taken but Kafka did not acknowledge them within {gate.Limits.DeliveryTimeout.TotalSeconds:0.#} s; retry later (a retry may duplicate spans, which storage absorbs).";

    private static string? MediaType(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : request.ContentType;

    /// <summary>The first few errors, enough to fix a client without echoing a whole bad batch.</summary>
    private static string Describe(List<SpanParseError> errors) =>
        string.Join("; ", errors.Take(5).Select(e => e.ToString())) + (errors.Count > 5 ? $"; and {errors.Count - 5} more" : "");

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
