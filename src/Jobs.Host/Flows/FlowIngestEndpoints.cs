using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Host.Ingest;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Flows;

/// <summary>
/// <c>POST /api/v1/flows</c> (a JSON batch, docs/flows.md) and <c>POST /api/v1/ownership</c> (a JSON array of
/// assignment events). 202 when every record was taken; 400 naming each bad record when some were bad (the good ones
/// are still taken); 429 with Retry-After when the queue is full (nothing taken: retry the request); 503 when ingest
/// is not running. With Kafka, 202 and 400 come only once the broker holds every taken record; past
/// <see cref="FlowIngestParameters.DeliveryTimeout"/> the answer is 503 with Retry-After (retry the request).
/// The answer is JSON: <c>{"accepted": n, "rejected": m, "errors": [{"index", "field", "message"}]}</c>.
/// </summary>
internal static class FlowIngestEndpoints
{
    public static void MapFlowIngest(this WebApplication app)
    {
        app.MapPost("/api/v1/flows", FlowsAsync);
        app.MapPost("/api/v1/ownership", OwnershipAsync);
    }

    private static async Task FlowsAsync(HttpContext http, FlowIngestGate gate)
    {
        using var body = await ReadAsync(http, gate);
        if (body is null)
        {
            return;
        }

        var flows = new List<FlowRecord>();
        var jsonErrors = new List<FlowJsonError>();
        new FlowJsonBatchDecoder().Decode(body.Bytes, flows, jsonErrors);
        var errors = jsonErrors.ConvertAll(e => new IngestError(e.Index, e.Field, e.Message));
        var status = Offer(http, gate, gate.TryOffer(CollectionsMarshal.AsSpan(flows), out var delivered), errors.Count);
        if (status is 202 or 400)
        {
            gate.Metrics.Http(flows.Count, errors.Count);
        }

        await AnswerDeliveredAsync(http, gate, status, delivered, flows.Count, errors, "flows");
    }

    private static async Task OwnershipAsync(HttpContext http, FlowIngestGate gate)
    {
        using var body = await ReadAsync(http, gate);
        if (body is null)
        {
            return;
        }

        var events = new List<OwnershipEvent>();
        var errors = new List<IngestError>();
        OwnershipJsonDecoder.Decode(body.Bytes, events, errors);
        var status = Offer(http, gate, gate.TryOffer(CollectionsMarshal.AsSpan(events), out var delivered), errors.Count);
        if (status is 202 or 400)
        {
            gate.Metrics.OwnershipEvents(events.Count, errors.Count);
        }

        await AnswerDeliveredAsync(http, gate, status, delivered, events.Count, errors, "ownership events");
    }

    private static async Task<RequestBody?> ReadAsync(HttpContext http, FlowIngestGate gate)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not (null or "" or "application/json"))
        {
            await AnswerAsync(http, 415, 0, [new IngestError(-1, null, $"Content-Type '{mediaType}' is not supported; send application/json.")]);
            return null;
        }

        var body = await RequestBody.ReadAsync(http.Request, gate.Limits.MaxRequestBytes, http.RequestAborted);
        if (body.Status == 0)
        {
            return body;
        }

        body.Dispose();
        var message = body.Status == 413
            ? $"the request body is larger than {gate.Limits.MaxRequestBytes} bytes (StreamJobs:Jobs:flow-ingest:MaxRequestBytes); send smaller batches."
            : body.Error!;
        await AnswerAsync(http, body.Status, 0, [new IngestError(-1, null, message)]);
        return null;
    }

    /// <summary>The status for an offer: an empty offer (every record bad) is "accepted" by the queue, hence 400 by the errors.</summary>
    private static int Offer(HttpContext http, FlowIngestGate gate, OfferResult result, int errors)
    {
        switch (result)
        {
            case OfferResult.Full:
                gate.Metrics.Throttled();
                http.Response.Headers.RetryAfter = gate.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return 429;
            case OfferResult.NotRunning:
                return 503;
            default:
                return errors == 0 ? 202 : 400;
        }
    }

    /// <summary>Answers a taken request once Kafka holds its records (at once without Kafka), or 503 when it did not in time.</summary>
    private static async Task AnswerDeliveredAsync(HttpContext http, FlowIngestGate gate, int status, Task? delivered, int taken, List<IngestError> errors, string what)
    {
        if (status is not (202 or 400))
        {
            await AnswerAsync(http, status, 0, errors);
            return;
        }

        if (await DeliveryReceipt.WaitAsync(delivered, gate.Limits.DeliveryTimeout, http.RequestAborted))
        {
            await AnswerAsync(http, status, taken, errors);
            return;
        }

        gate.Metrics.Undelivered();
        http.Response.Headers.RetryAfter = gate.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await AnswerAsync(http, 503, 0, errors,
            $"the {what} were taken but Kafka did not acknowledge them within {gate.Limits.DeliveryTimeout.TotalSeconds:0.#} s; retry later (a retried flow may be counted twice, like any replayed flow).");
    }

    private static async Task AnswerAsync(HttpContext http, int status, int accepted, List<IngestError> errors, string? reason = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        reason ??= status switch
        {
            429 => "the ingest queue is full; nothing was taken, retry after Retry-After seconds.",
            503 => "flow ingest is not running.",
            _ => null,
        };
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        writer.WriteStartObject();
        writer.WriteNumber("accepted", accepted);
        writer.WriteNumber("rejected", status is 202 or 400 ? errors.Count : 0);
        if (reason is not null)
        {
            writer.WriteString("message", reason);
        }

        writer.WriteStartArray("errors");
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", error.Index);
            writer.WriteString("field", error.Field);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(http.RequestAborted);
    }
}
