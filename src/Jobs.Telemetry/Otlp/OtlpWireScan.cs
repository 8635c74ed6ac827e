namespace StreamJobs.Telemetry.Otlp;

/// <summary>
/// Counts the spans of a protobuf <c>ExportTraceServiceRequest</c> by walking its wire format, without building
/// messages: a small body of empty spans (2 bytes each) would otherwise become millions of objects before any limit
/// applies. Only the three levels that hold spans are entered; everything else is skipped by its length.
/// </summary>
internal static class OtlpWireScan
{
    private const int LengthDelimited = 2;

    /// <summary>
    /// True with the span count when the body's framing is sound and holds at most <paramref name="max"/> spans.
    /// False with <paramref name="count"/> past <paramref name="max"/> when there are too many, otherwise the framing is broken.
    /// </summary>
    public static bool TryCountSpans(ReadOnlySpan<byte> request, int max, out int count)
    {
        count = 0;
        return Walk(request, level: 0, max, ref count);
    }

    // Level 0: ExportTraceServiceRequest.resource_spans = 1; level 1: ResourceSpans.scope_spans = 2;
    // level 2: ScopeSpans.spans = 2 (counted, not entered).
    private static bool Walk(ReadOnlySpan<byte> message, int level, int max, ref int count)
    {
        int offset = 0;
        while (offset < message.Length)
        {
            if (!TryVarint(message, ref offset, out ulong tag) || tag >> 3 is 0 or > int.MaxValue)
            {
                return false;
            }

            int field = (int)(tag >> 3);
            int wireType = (int)(tag & 7);
            switch (wireType)
            {
                case 0:
                    if (!TryVarint(message, ref offset, out _))
                    {
                        return false;
                    }

                    break;
                case 1:
                    offset += 8;
                    break;
                case 5:
                    offset += 4;
                    break;
                case LengthDelimited:
                    if (!TryVarint(message, ref offset, out ulong length) || length > (ulong)(message.Length - offset))
                    {
                        return false;
                    }

                    var inner = message.Slice(offset, (int)length);
                    offset += (int)length;
                    bool enter = (level == 0 && field == 1) || (level == 1 && field == 2);
                    if (enter && !Walk(inner, level + 1, max, ref count))
                    {
                        return false;
                    }

                    if (level == 2 && field == 2 && ++count > max)
                    {
                        return false;
                    }

                    break;
                default:
                    // Groups (3, 4) are not used by OTLP; 6 and 7 do not exist.
                    return false;
            }

            if (offset > message.Length)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryVarint(ReadOnlySpan<byte> data, ref int offset, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (offset >= data.Length)
            {
                return false;
            }

            byte b = data[offset++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
