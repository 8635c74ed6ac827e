using System.Text.Json;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;
using StreamJobs.Telemetry.Ingest;

namespace StreamJobs.Host.Flows;

/// <summary>
/// Reads <c>POST /api/v1/ownership</c> bodies: a JSON array of
/// <c>{"ip": "10.0.0.7", "workload": "checkout", "timestampMs": 1700000000000, "change": "assigned"}</c>
/// (change: <c>assigned</c> or <c>unassigned</c>). A bad event is reported with its index and field and skipped; the
/// others are kept (one error per bad event, bounded by the report's cap). Events are control-plane traffic (a few per IP
/// per hour), so a parsed document is fine here; the body is bounded by MaxRequestBytes and its nesting by MaxJsonDepth.
/// </summary>
internal static class OwnershipJsonDecoder
{
    public static void Decode(ReadOnlySpan<byte> utf8Json, List<OwnershipEvent> events, ParseReport<IngestError> report)
    {
        if (JsonText.CheckBody(utf8Json) is { } notText)
        {
            report.Fail(BodyFault.Malformed, new IngestError(-1, null, notText + "."));
            return;
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, report.Limits.ReaderOptions(allowComments: false));
            if (!JsonDocument.TryParseValue(ref reader, out var parsed))
            {
                report.Fail(BodyFault.Malformed, new IngestError(-1, null, "the body is empty; send a JSON array of ownership events."));
                return;
            }

            document = parsed;
        }
        catch (JsonException malformed)
        {
            report.Fail(BodyFault.Malformed, new IngestError(-1, null, $"the body is not valid JSON: {JsonText.Malformed(malformed)}."));
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                report.Fail(BodyFault.Malformed, new IngestError(-1, null, "expected a JSON array of ownership events."));
                return;
            }

            int index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (!report.TryCountRecord(static max => new IngestError(-1, null, $"the body holds more than {max} ownership events; send smaller batches.")))
                {
                    events.Clear();
                    return;
                }

                if (TryRead(item, index, out var ownershipEvent, out var error))
                {
                    events.Add(ownershipEvent);
                }
                else
                {
                    report.Reject(error);
                }

                index++;
            }
        }
    }

    private static bool TryRead(JsonElement item, int index, out OwnershipEvent ownershipEvent, out IngestError error)
    {
        ownershipEvent = default;
        if (item.ValueKind != JsonValueKind.Object)
        {
            error = new IngestError(index, null, "expected an object");
            return false;
        }

        if (!item.TryGetProperty("ip", out var ipText) || !JsonText.TryGetString(ipText, out var ipString) || !IpAddress.TryParse(ipString, out var ip))
        {
            error = new IngestError(index, "ip", "expected an IPv4 or IPv6 address string");
            return false;
        }

        if (!item.TryGetProperty("workload", out var workloadText) || !JsonText.TryGetString(workloadText, out var workload) ||
            workload.Length is 0 or > WorkloadNameTable.MaxNameLength)
        {
            error = new IngestError(index, "workload", $"expected a string of 1 to {WorkloadNameTable.MaxNameLength} characters");
            return false;
        }

        if (!item.TryGetProperty("timestampMs", out var time) || time.ValueKind != JsonValueKind.Number || !time.TryGetInt64(out long timestamp) || timestamp < 0)
        {
            error = new IngestError(index, "timestampMs", "expected a whole number of Unix milliseconds, 0 or more");
            return false;
        }

        OwnershipChange change;
        if (!item.TryGetProperty("change", out var changeText) || changeText.ValueKind != JsonValueKind.String)
        {
            error = new IngestError(index, "change", "expected \"assigned\" or \"unassigned\"");
            return false;
        }
        else if (changeText.ValueEquals("assigned"))
        {
            change = OwnershipChange.Assigned;
        }
        else if (changeText.ValueEquals("unassigned"))
        {
            change = OwnershipChange.Unassigned;
        }
        else
        {
            error = new IngestError(index, "change", "expected \"assigned\" or \"unassigned\"");
            return false;
        }

        ownershipEvent = new OwnershipEvent(ip, workload, timestamp, change);
        error = default;
        return true;
    }
}
