using System.Text.Json;
using StreamJobs.Telemetry.Ingest;

namespace StreamJobs.Telemetry.Flows;

/// <summary>
/// Reads a JSON batch (an array of flow objects, <see cref="FlowJsonFields"/>). A bad flow is reported with its
/// index and field and skipped; good flows survive. Broken JSON syntax ends the batch: flows before it survive.
/// Hand-written over <see cref="Utf8JsonReader"/> rather than source-generated so one bad field costs one record,
/// not the batch, and the error can name the field. Not thread-safe.
/// </summary>
public sealed class FlowJsonBatchDecoder
{
    private const int RequiredMask = 0b1111_11;
    private readonly WorkloadNameTable _names;

    /// <summary>Creates a decoder interning identities in <paramref name="names"/> (a private table when null).</summary>
    public FlowJsonBatchDecoder(WorkloadNameTable? names = null)
    {
        _names = names ?? new WorkloadNameTable();
    }

    /// <summary>Decodes a batch (unbounded); returns the number of flows added to <paramref name="output"/>.</summary>
    public int Decode(ReadOnlySpan<byte> utf8Json, ICollection<FlowRecord> output, ICollection<FlowJsonError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var report = new ParseReport<FlowJsonError>(IngestLimits.Unbounded);
        int added = Decode(utf8Json, output, report);
        report.CopyTo(errors);
        return added;
    }

    /// <summary>
    /// Decodes a batch under the report's limits: a bad flow is one rejection (its first problem kept, up to the cap),
    /// a body that is not UTF-8 or breaks syntax or depth is a <see cref="BodyFault.Malformed"/> fault (flows before a
    /// syntax break survive), more flows than the limit a <see cref="BodyFault.TooManyRecords"/> fault. Returns flows added.
    /// </summary>
    public int Decode(ReadOnlySpan<byte> utf8Json, ICollection<FlowRecord> output, ParseReport<FlowJsonError> report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        if (JsonText.CheckBody(utf8Json) is { } notText)
        {
            report.Fail(BodyFault.Malformed, new FlowJsonError(-1, null, notText));
            return 0;
        }

        var reader = new Utf8JsonReader(utf8Json, report.Limits.ReaderOptions());
        int index = -1;
        int added = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                report.Fail(BodyFault.Malformed, new FlowJsonError(-1, null, "a flow batch must be a JSON array"));
                return 0;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                index++;
                if (!report.TryCountRecord(static max => new FlowJsonError(-1, null, $"the batch holds more than {max} flows; send smaller batches")))
                {
                    return added;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    report.Reject(new FlowJsonError(index, null, $"expected a flow object, found {reader.TokenType}"));
                    reader.Skip();
                    continue;
                }

                if (TryReadFlow(ref reader, index, out var flow, out var error))
                {
                    output.Add(flow);
                    added++;
                }
                else
                {
                    report.Reject(error);
                }
            }
        }
        catch (JsonException e)
        {
            report.Fail(BodyFault.Malformed, new FlowJsonError(index, null, $"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}; the rest of the batch is dropped"));
        }

        return added;
    }

    private bool TryReadFlow(ref Utf8JsonReader reader, int index, out FlowRecord flow, out FlowJsonError error)
    {
        flow = default;
        error = default;
        var record = new FlowRecord { Protocol = FlowProtocol.Tcp };
        int seen = 0;
        bool ok = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field = FieldOf(ref reader);
            reader.Read();
            if (!ok)
            {
                // Already rejected: one error per record, so the rest is only skipped.
                reader.Skip();
                continue;
            }

            string? problem = ReadField(ref reader, field, ref record);
            if (problem is not null)
            {
                ok = false;
                error = new FlowJsonError(index, FieldNames[field], problem);
            }
            else if (field < 6)
            {
                seen |= 1 << field;
            }
        }

        if (!ok)
        {
            return false;
        }

        if (seen != RequiredMask)
        {
            var missing = new List<string>(6);
            for (int f = 0; f < 6; f++)
            {
                if ((seen & (1 << f)) == 0)
                {
                    missing.Add(FieldNames[f]);
                }
            }

            error = new FlowJsonError(index, missing[0], missing.Count == 1 ? "required field is missing" : $"required fields are missing: {string.Join(", ", missing)}");
            return false;
        }

        if (record.EndUnixMs < record.StartUnixMs)
        {
            error = new FlowJsonError(index, FlowJsonFields.EndMs, "end is before start");
            return false;
        }

        flow = record;
        return true;
    }

    private static readonly string[] FieldNames =
    [
        FlowJsonFields.LocalIp, FlowJsonFields.LocalPort, FlowJsonFields.RemoteIp, FlowJsonFields.RemotePort,
        FlowJsonFields.StartMs, FlowJsonFields.EndMs, FlowJsonFields.Protocol, FlowJsonFields.Direction,
        FlowJsonFields.BytesSent, FlowJsonFields.BytesReceived, FlowJsonFields.PacketsSent, FlowJsonFields.PacketsReceived,
        FlowJsonFields.Retransmits, FlowJsonFields.SrttUs, FlowJsonFields.LocalWorkload, "(unknown)",
    ];

    private static int FieldOf(ref Utf8JsonReader reader)
    {
        for (int f = 0; f < FieldNames.Length - 1; f++)
        {
            if (reader.ValueTextEquals(FieldNames[f]))
            {
                return f;
            }
        }

        return FieldNames.Length - 1;
    }

    private string? ReadField(ref Utf8JsonReader reader, int field, ref FlowRecord r)
    {
        string? problem;
        ulong v;
        switch (field)
        {
            case 0: problem = ReadIp(ref reader, out var localIp); r = r with { LocalIp = localIp }; return problem;
            case 1: problem = ReadNumber(ref reader, ushort.MaxValue, out v); r = r with { LocalPort = (ushort)v }; return problem;
            case 2: problem = ReadIp(ref reader, out var remoteIp); r = r with { RemoteIp = remoteIp }; return problem;
            case 3: problem = ReadNumber(ref reader, ushort.MaxValue, out v); r = r with { RemotePort = (ushort)v }; return problem;
            case 4: problem = ReadNumber(ref reader, long.MaxValue, out v); r = r with { StartUnixMs = (long)v }; return problem;
            case 5: problem = ReadNumber(ref reader, long.MaxValue, out v); r = r with { EndUnixMs = (long)v }; return problem;
            case 6: problem = ReadProtocol(ref reader, out var protocol); r = r with { Protocol = protocol }; return problem;
            case 7: problem = ReadDirection(ref reader, out var direction); r = r with { Direction = direction }; return problem;
            case 8: problem = ReadNumber(ref reader, ulong.MaxValue, out v); r = r with { BytesSent = v }; return problem;
            case 9: problem = ReadNumber(ref reader, ulong.MaxValue, out v); r = r with { BytesReceived = v }; return problem;
            case 10: problem = ReadNumber(ref reader, uint.MaxValue, out v); r = r with { PacketsSent = (uint)v }; return problem;
            case 11: problem = ReadNumber(ref reader, uint.MaxValue, out v); r = r with { PacketsReceived = (uint)v }; return problem;
            case 12: problem = ReadNumber(ref reader, uint.MaxValue, out v); r = r with { Retransmits = (uint)v }; return problem;
            case 13: problem = ReadNumber(ref reader, uint.MaxValue, out v); r = r with { SmoothedRttMicros = (uint)v }; return problem;
            case 14: problem = ReadWorkload(ref reader, out var workload); r = r with { LocalWorkload = workload }; return problem;
            default: reader.Skip(); return null;
        }
    }

    private static string? ReadNumber(ref Utf8JsonReader reader, ulong max, out ulong value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return $"expected a number, found {reader.TokenType}";
        }

        return reader.TryGetUInt64(out value) && value <= max ? null : $"expected a whole number from 0 to {max}";
    }

    private static string? ReadIp(ref Utf8JsonReader reader, out IpAddress ip)
    {
        ip = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return "expected an IP address string";
        }

        bool parsed = reader.ValueIsEscaped || reader.HasValueSequence
            ? TryParseCopied(ref reader, out ip)
            : IpAddress.TryParse(reader.ValueSpan, out ip);
        return parsed ? null : "not an IPv4 or IPv6 address";
    }

    private static bool TryParseCopied(ref Utf8JsonReader reader, out IpAddress ip)
    {
        ip = default;
        Span<char> chars = stackalloc char[64];
        return TryCopy(ref reader, chars, out int n) && IpAddress.TryParse(chars[..n], out ip);
    }

    private static string? ReadProtocol(ref Utf8JsonReader reader, out FlowProtocol protocol)
    {
        protocol = FlowProtocol.Tcp;
        if (reader.TokenType == JsonTokenType.Number)
        {
            string? problem = ReadNumber(ref reader, byte.MaxValue, out ulong number);
            protocol = (FlowProtocol)number;
            return problem;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("tcp"u8)) { return null; }
            if (reader.ValueTextEquals("udp"u8)) { protocol = FlowProtocol.Udp; return null; }
        }

        reader.Skip();
        return "expected \"tcp\", \"udp\" or a protocol number";
    }

    private static string? ReadDirection(ref Utf8JsonReader reader, out FlowDirection direction)
    {
        direction = FlowDirection.Unknown;
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("client"u8)) { direction = FlowDirection.Client; return null; }
            if (reader.ValueTextEquals("server"u8)) { direction = FlowDirection.Server; return null; }
            if (reader.ValueTextEquals("unknown"u8)) { return null; }
        }

        reader.Skip();
        return "expected \"client\", \"server\" or \"unknown\"";
    }

    private string? ReadWorkload(ref Utf8JsonReader reader, out string? workload)
    {
        workload = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return "expected a string or null";
        }

        if (!reader.HasValueSequence && !JsonText.IsValidString(reader.ValueSpan, reader.ValueIsEscaped))
        {
            return "not valid UTF-8 text";
        }

        Span<char> chars = stackalloc char[WorkloadNameTable.MaxNameLength];
        if (reader.ValueSpan.Length > WorkloadNameTable.MaxNameLength * 6 || !TryCopy(ref reader, chars, out int n))
        {
            return $"longer than {WorkloadNameTable.MaxNameLength} characters";
        }

        if (n == 0)
        {
            return "must not be empty";
        }

        workload = _names.Intern(chars[..n]);
        return null;
    }

    private static bool TryCopy(ref Utf8JsonReader reader, scoped Span<char> destination, out int written)
    {
        written = 0;
        if (!JsonText.IsValidString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan, reader.ValueIsEscaped))
        {
            return false;
        }

        try
        {
            written = reader.CopyString(destination);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
