using System.Text.Json;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Flows;

/// <summary>
/// Reads <c>POST /api/v1/ownership</c> bodies: a JSON array of
/// <c>{"ip": "10.0.0.7", "workload": "checkout", "timestampMs": 1700000000000, "change": "assigned"}</c>
/// (change: <c>assigned</c> or <c>unassigned</c>). A bad event is reported with its index and field and skipped; the
/// others are kept. Events are control-plane traffic (a few per IP per hour), so a parsed document is fine here.
/// </summary>
internal static class OwnershipJsonDecoder
{
    public static void Decode(ReadOnlySpan<byte> utf8Json, List<OwnershipEvent> events, List<IngestError> errors)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            if (!JsonDocument.TryParseValue(ref reader, out var parsed))
            {
                errors.Add(new IngestError(-1, null, "the body is empty; send a JSON array of ownership events."));
                return;
            }

            document = parsed;
        }
        catch (JsonException bad)
        {
            errors.Add(new IngestError(-1, null, $"the body is not valid JSON (line {bad.LineNumber + 1}, byte {bad.BytePositionInLine + 1})."));
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new IngestError(-1, null, "expected a JSON array of ownership events."));
                return;
            }

            int index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (TryRead(item, index, out var ownershipEvent, out var error))
                {
                    events.Add(ownershipEvent);
                }
                else
                {
                    errors.Add(error);
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

        if (!item.TryGetProperty("ip", out var ipText) || ipText.ValueKind != JsonValueKind.String || !IpAddress.TryParse(ipText.GetString(), out var ip))
        {
            error = new IngestError(index, "ip", "expected an IPv4 or IPv6 address string");
            return false;
        }

        if (!item.TryGetProperty("workload", out var workloadText) || workloadText.ValueKind != JsonValueKind.String ||
            workloadText.GetString() is not { Length: > 0 and <= WorkloadNameTable.MaxNameLength } workload)
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
