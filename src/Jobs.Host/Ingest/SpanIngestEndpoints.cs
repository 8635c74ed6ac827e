using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Net.Http.Headers;
using StreamJobs.Host.Memory;
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
    private const string Settings = "StreamJobs:Jobs:span-ingest";

    public static void MapSpanIngest(this WebApplication app)
    {
        app.MapPost("/api/v2/spans", ZipkinAsync).RequireRateLimiting(IngestConcurrency.Policy);
        app.MapPost("/v1/traces", OtlpAsync).RequireRateLimiting(IngestConcurrency.Policy);
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
        using var body = await RequestBody.ReadAsync(http.Request, gate.Limits.MaxRequestBytes, Settings + ":MaxRequestBytes", http.RequestAborted);
        if (body.Status != 0)
        {
            await AnswerTextAsync(http, gate, Zipkin, body.Status, body.Error!);
            return;
        }
        var spans = new List<Span>();
        var report = new ParseReport<SpanParseError>(gate.Limits.ParseLimits());
        ZipkinJsonParser.Parse(body.Bytes, spans, report);
        if (report.Fault == BodyFault.TooManyRecords)
        {
            await AnswerTextAsync(http, gate, Zipkin, 413, TooMany(gate));
            return;
        }
        if (spans.Count == 0 && (report.Rejected > 0 || report.Fault != BodyFault.None))
        {
            gate.Metrics.Spans(Zipkin, 0, report.Rejected);
            await AnswerTextAsync(http, gate, Zipkin, 400, "no span could be read: " + Describe(report));
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
                response.Headers.RetryAfter = gate.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await AnswerTextAsync(http, gate, Zipkin, 503, "span ingest is not running.");
                return;
        }
        gate.Metrics.Spans(Zipkin, spans.Count, report.Rejected);
        if (!await DeliveredAsync(delivered, gate, http))
        {
            await AnswerTextAsync(http, gate, Zipkin, 503, NotDelivered(gate));
            return;
        }
        var problems = report.Rejected > 0 || report.Fault != BodyFault.None;
        if (problems)
        {
            // Zipkin clients only look at the status; the good spans are kept, the bad ones counted, named here and logged.
            response.Headers["X-Rejected-Spans"] = report.Rejected.ToString(CultureInfo.InvariantCulture);
            loggers.CreateLogger("StreamJobs.Ingest").LogWarning("Zipkin ingest rejected {Rejected} of {Total} span(s): {Errors}", report.Rejected, report.Rejected + spans.Count, Describe(report));
        }
        await AnswerTextAsync(http, gate, Zipkin, 202, problems ? $"accepted {spans.Count} span(s); rejected {report.Rejected}: {Describe(report)}" : "");
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
        var spans = new List<Span>();
        var report = new ParseReport<SpanParseError>(gate.Limits.ParseLimits());
        if (json) OtlpTraceParser.ParseJson(body.Bytes, spans, report);
        else OtlpTraceParser.ParseProtobuf(body.Bytes, spans, report);
        if (report.Fault == BodyFault.TooManyRecords)
        {
            await AnswerStatusAsync(http, gate, json, 413, 3, TooMany(gate));
            return;
        }
        if (report.Fault == BodyFault.TooManyAttributes)
        {
            await AnswerStatusAsync(http, gate, json, 413, 3,
                $"{report.FaultError!.Message} ({Settings}:MaxAttributesPerRequest is {gate.Limits.AttributesPerRequest}); nothing was taken.");
            return;
        }
        if (report.Fault != BodyFault.None)
        {
            gate.Metrics.Spans(Otlp, 0, Math.Max(1, report.Records));
            await AnswerStatusAsync(http, gate, json, 400, 3, "the request could not be read: " + Describe(report));
            return;
        }
        B3IngestRule.Apply(http.Request.Headers, spans, gate.Metrics);
        switch (gate.TryOffer(CollectionsMarshal.AsSpan(spans), out var delivered))
        {
            case OfferResult.Full:
                http.Response.Headers.RetryAfter = gate.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                // Overload, not an outage: the OTLP spec's throttling answer, 429 (RESOURCE_EXHAUSTED) with Retry-After.
                await AnswerStatusAsync(http, gate, json, 429, 8, "the ingest queue is full; retry later.");
                return;
            case OfferResult.NotRunning:
                http.Response.Headers.RetryAfter = gate.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await AnswerStatusAsync(http, gate, json, 503, 14, "span ingest is not running.");
                return;
        }
        gate.Metrics.Spans(Otlp, spans.Count, report.Rejected);
        if (!await DeliveredAsync(delivered, gate, http))
        {
            await AnswerStatusAsync(http, gate, json, 503, 14, NotDelivered(gate));
            return;
        }
        var message = report.Rejected == 0 ? null : Describe(report);
        if (message is not null)
            loggers.CreateLogger("StreamJobs.Ingest").LogWarning("OTLP ingest rejected {Rejected} of {Total} span(s): {Errors}", report.Rejected, report.Rejected + spans.Count, message);
        gate.Metrics.Request(Otlp, 200);
        http.Response.StatusCode = 200;
        if (json)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(OtlpExportResponse.Json(report.Rejected, message));
        }
        else
        {
            http.Response.ContentType = Protobuf;
            await http.Response.Body.WriteAsync(OtlpExportResponse.Protobuf(report.Rejected, message));
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

    /// <summary>
    /// The body's fault and the first few rejected spans, enough to fix a client without echoing a whole bad batch:
    /// bounded whatever the body holds.
    /// </summary>
    private static string Describe(ParseReport<SpanParseError> report)
    {
        const int shown = 5;
        var parts = new List<string>(shown + 2);
        if (report.FaultError is { } fault) parts.Add(fault.ToString());
        parts.AddRange(report.Errors.Take(shown).Select(e => e.ToString()));
        var more = report.Rejected - Math.Min(shown, report.Errors.Count);
        if (more > 0) parts.Add($"and {more} more rejected span(s)");
        if (report.Fault == BodyFault.Malformed && report.Records > 0) parts.Add("the rest of the body was not read");
        return string.Join("; ", parts);
    }

    private static string TooMany(SpanIngestGate gate) =>
        $"the request holds more than {gate.Limits.MaxRecordsPerRequest} spans ({Settings}:MaxRecordsPerRequest); nothing was taken, send smaller batches.";

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
