using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Host.Ingest;
using StreamJobs.Host.Memory;
using StreamJobs.Telemetry.Flows;
using StreamJobs.Telemetry.Ingest;

namespace StreamJobs.Host.Flows;

/// <summary>
/// <c>POST /api/v1/flows</c> (a JSON batch, docs/flows.md) and <c>POST /api/v1/ownership</c> (a JSON array of
/// assignment events). 202 when every record was taken; 400 naming each bad record when some were bad (the good ones
/// are still taken); 429 with Retry-After when the queue is full (nothing taken: retry the request); 503 when ingest
/// is not running. With Kafka, 202 and 400 come only once the broker holds every taken record; past
/// <see cref="FlowIngestParameters.DeliveryTimeout"/> the answer is 503 with Retry-After (retry the request).
/// The answer is JSON: <c>{"accepted": n, "rejected": m, "message"?, "errors": [{"index", "field", "message"}], "errorsOmitted"?}</c>:
/// <c>rejected</c> counts records (not errors), <c>errors</c> holds the first
/// <see cref="IngestRequestParameters.MaxErrorsPerRequest"/> rejected records then the body's fault (if any, also in
/// <c>message</c>), <c>errorsOmitted</c> the rejected records not described.
/// </summary>
internal static class FlowIngestEndpoints
{
    private const string Settings = "StreamJobs:Jobs:flow-ingest";

    public static void MapFlowIngest(this WebApplication app)
    {
        app.MapPost("/api/v1/flows", FlowsAsync).RequireRateLimiting(IngestConcurrency.Policy);
        app.MapPost("/api/v1/ownership", OwnershipAsync).RequireRateLimiting(IngestConcurrency.Policy);
    }

    private static async Task FlowsAsync(HttpContext http, FlowIngestGate gate)
    {
        using var body = await ReadAsync(http, gate);
        if (body is null)
        {
            return;
        }

        var flows = new List<FlowRecord>();
        var report = new ParseReport<FlowJsonError>(gate.Limits.ParseLimits());
        new FlowJsonBatchDecoder().Decode(body.Bytes, flows, report);
        var answer = IngestAnswer.From(report, static e => new IngestError(e.Index, e.Field, e.Message));
        if (report.Fault == BodyFault.TooManyRecords)
        {
            await AnswerAsync(http, 413, 0, answer.WithoutCounts(TooMany(gate, "flows")));
            return;
        }

        var status = Offer(http, gate, gate.TryOffer(CollectionsMarshal.AsSpan(flows), out var delivered), answer.HasProblems);
        if (status is 202 or 400)
        {
            gate.Metrics.Http(flows.Count, report.Rejected);
        }

        await AnswerDeliveredAsync(http, gate, status, delivered, flows.Count, answer, "flows");
    }

    private static async Task OwnershipAsync(HttpContext http, FlowIngestGate gate)
    {
        using var body = await ReadAsync(http, gate);
        if (body is null)
        {
            return;
        }

        var events = new List<OwnershipEvent>();
        var report = new ParseReport<IngestError>(gate.Limits.ParseLimits());
        OwnershipJsonDecoder.Decode(body.Bytes, events, report);
        var answer = IngestAnswer.From(report, static e => e);
        if (report.Fault == BodyFault.TooManyRecords)
        {
            await AnswerAsync(http, 413, 0, answer.WithoutCounts(TooMany(gate, "ownership events")));
            return;
        }

        var status = Offer(http, gate, gate.TryOffer(CollectionsMarshal.AsSpan(events), out var delivered), answer.HasProblems);
        if (status is 202 or 400)
        {
            gate.Metrics.OwnershipEvents(events.Count, report.Rejected);
        }

        await AnswerDeliveredAsync(http, gate, status, delivered, events.Count, answer, "ownership events");
    }

    private static async Task<RequestBody?> ReadAsync(HttpContext http, FlowIngestGate gate)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not (null or "" or "application/json"))
        {
            await AnswerAsync(http, 415, 0, IngestAnswer.Body($"Content-Type '{mediaType}' is not supported; send application/json."));
            return null;
        }

        var body = await RequestBody.ReadAsync(http.Request, gate.Limits.MaxRequestBytes, Settings + ":MaxRequestBytes", http.RequestAborted);
        if (body.Status == 0)
        {
            return body;
        }

        body.Dispose();
        await AnswerAsync(http, body.Status, 0, IngestAnswer.Body(body.Error!));
        return null;
    }

    /// <summary>The status for an offer: an empty offer (every record bad) is "accepted" by the queue, hence 400 by the errors.</summary>
    private static int Offer(HttpContext http, FlowIngestGate gate, OfferResult result, bool problems)
    {
        switch (result)
        {
            case OfferResult.Full:
                gate.Metrics.Throttled();
                http.Response.Headers.RetryAfter = gate.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return 429;
            case OfferResult.NotRunning:
                http.Response.Headers.RetryAfter = gate.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return 503;
            default:
                return problems ? 400 : 202;
        }
    }

    /// <summary>Answers a taken request once Kafka holds its records (at once without Kafka), or 503 when it did not in time.</summary>
    private static async Task AnswerDeliveredAsync(HttpContext http, FlowIngestGate gate, int status, Task? delivered, int taken, IngestAnswer answer, string what)
    {
        if (status is not (202 or 400))
        {
            await AnswerAsync(http, status, 0, answer.WithoutCounts());
            return;
        }

        if (await DeliveryReceipt.WaitAsync(delivered, gate.Limits.DeliveryTimeout, http.RequestAborted))
        {
            await AnswerAsync(http, status, taken, answer);
            return;
        }

        gate.Metrics.Undelivered();
        http.Response.Headers.RetryAfter = gate.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await AnswerAsync(http, 503, 0, answer.WithoutCounts(),
            $"the {what} were taken but Kafka did not acknowledge them within {gate.Limits.DeliveryTimeout.TotalSeconds:0.#} s; retry later (a retried flow may be counted twice, like any replayed flow).");
    }

    private static string TooMany(FlowIngestGate gate, string what) =>
        $"the request holds more than {gate.Limits.MaxRecordsPerRequest} {what} ({Settings}:MaxRecordsPerRequest); nothing was taken, send smaller batches.";

    private static async Task AnswerAsync(HttpContext http, int status, int accepted, IngestAnswer answer, string? reason = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        reason ??= status switch
        {
            429 => "the ingest queue is full; nothing was taken, retry after Retry-After seconds.",
            503 => "flow ingest is not running; nothing was taken, retry after Retry-After seconds.",
            _ => answer.Fault?.Message,
        };
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        writer.WriteStartObject();
        writer.WriteNumber("accepted", accepted);
        writer.WriteNumber("rejected", answer.Rejected);
        if (reason is not null)
        {
            writer.WriteString("message", reason);
        }

        // At most MaxErrorsPerRequest entries (plus the body's fault): the answer stays small whatever was posted.
        writer.WriteStartArray("errors");
        foreach (var error in answer.Errors)
        {
            WriteError(writer, error);
        }

        if (answer.Fault is { } fault)
        {
            WriteError(writer, fault);
        }

        writer.WriteEndArray();
        if (answer.ErrorsOmitted > 0)
        {
            writer.WriteNumber("errorsOmitted", answer.ErrorsOmitted);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(http.RequestAborted);
    }

    private static void WriteError(Utf8JsonWriter writer, IngestError error)
    {
        writer.WriteStartObject();
        writer.WriteNumber("index", error.Index);
        writer.WriteString("field", error.Field);
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
    }
}
