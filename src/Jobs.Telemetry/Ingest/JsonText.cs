using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace StreamJobs.Telemetry.Ingest;

/// <summary>
/// Reads JSON strings without the exceptions <see cref="Utf8JsonReader.GetString"/> and <see cref="JsonElement.GetString"/>
/// throw on invalid UTF-8 or a lone escaped surrogate (<c>"\ud800"</c>): hostile bodies can hold millions of them,
/// and a bad string must cost its record, not an exception.
/// </summary>
internal static class JsonText
{
    /// <summary>The offset of the first byte that is not valid UTF-8, or -1 when all of it is.</summary>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            return -1;
        }

        Span<char> scratch = stackalloc char[512];
        int offset = 0;
        while (offset < utf8.Length)
        {
            var status = Utf8.ToUtf16(utf8[offset..], scratch, out int read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            offset += read;
            if (status is System.Buffers.OperationStatus.InvalidData or System.Buffers.OperationStatus.NeedMoreData)
            {
                return offset;
            }
        }

        return offset;
    }

    /// <summary>
    /// Null when <paramref name="body"/> is UTF-8 text whose <c>\uXXXX</c> escapes are all whole characters; otherwise why
    /// not. Checked once per body so that no later read (a value, a property name, a lookup by name) can throw on it.
    /// </summary>
    public static string? CheckBody(ReadOnlySpan<byte> body)
    {
        int bad = FirstInvalidUtf8(body);
        if (bad >= 0)
        {
            return NotUtf8(bad);
        }

        int escape = body.IndexOf((byte)'\\');
        if (escape >= 0 && !EscapesAreValid(body[escape..]))
        {
            return "the body holds a \\u escape of a lone surrogate (\\uD800-\\uDFFF without its pair); JSON text must be valid Unicode";
        }

        return null;
    }

    /// <summary>The message for a body that is not UTF-8.</summary>
    public static string NotUtf8(int offset) => $"the body is not valid UTF-8 (first bad byte at offset {offset}); JSON must be UTF-8";

    /// <summary>The message for a JSON syntax failure, with its position.</summary>
    public static string Malformed(JsonException error) =>
        $"malformed JSON at line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}: {FirstSentence(error.Message)}";

    /// <summary>Reads the current string or property name; false when it is not valid UTF-8 or holds a lone surrogate.</summary>
    public static bool TryGetString(ref Utf8JsonReader reader, out string value)
    {
        value = string.Empty;
        if (reader.HasValueSequence)
        {
            // Bodies are parsed from one contiguous buffer; a sequence would need copying first.
            var copy = System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence);
            if (!IsValidString(copy, reader.ValueIsEscaped))
            {
                return false;
            }
        }
        else if (!IsValidString(reader.ValueSpan, reader.ValueIsEscaped))
        {
            return false;
        }

        value = reader.GetString() ?? string.Empty;
        return true;
    }

    /// <summary>As <see cref="TryGetString(ref Utf8JsonReader, out string)"/>, with unescaped text through <see cref="SharedText"/>.</summary>
    public static bool TryGetPooledString(ref Utf8JsonReader reader, out string value) =>
        reader.ValueIsEscaped || reader.HasValueSequence
            ? TryGetString(ref reader, out value)
            : SharedText.TryDecode(reader.ValueSpan, out value);

    /// <summary>Reads a string element; false when it is not a string, not valid UTF-8 or holds a lone surrogate.</summary>
    public static bool TryGetString(JsonElement element, out string value)
    {
        value = string.Empty;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(element);
        if (!IsValidString(raw, escaped: raw.Contains((byte)'\\')))
        {
            return false;
        }

        value = element.GetString() ?? string.Empty;
        return true;
    }

    /// <summary>Whether the raw (possibly escaped) bytes of a JSON string decode to valid UTF-16 text.</summary>
    public static bool IsValidString(ReadOnlySpan<byte> raw, bool escaped) => Utf8.IsValid(raw) && (!escaped || EscapesAreValid(raw));

    /// <summary>False when a <c>\uXXXX</c> escape is a lone or misordered surrogate.</summary>
    private static bool EscapesAreValid(ReadOnlySpan<byte> raw)
    {
        bool pendingHigh = false;
        int i = 0;
        while (i < raw.Length)
        {
            if (raw[i] != (byte)'\\' || i + 1 >= raw.Length)
            {
                if (pendingHigh)
                {
                    return false;
                }

                i++;
                continue;
            }

            if (raw[i + 1] != (byte)'u')
            {
                if (pendingHigh)
                {
                    return false;
                }

                i += 2;
                continue;
            }

            if (i + 6 > raw.Length || !TryHex4(raw.Slice(i + 2, 4), out int unit))
            {
                // Not an escape of a character at all: the JSON reader reports that as a syntax error.
                if (pendingHigh)
                {
                    return false;
                }

                i += 2;
                continue;
            }

            i += 6;
            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (pendingHigh)
                {
                    return false;
                }

                pendingHigh = true;
            }
            else if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                if (!pendingHigh)
                {
                    return false;
                }

                pendingHigh = false;
            }
            else if (pendingHigh)
            {
                return false;
            }
        }

        return !pendingHigh;
    }

    private static bool TryHex4(ReadOnlySpan<byte> hex, out int value)
    {
        value = 0;
        foreach (byte b in hex)
        {
            int digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        string text = cut > 0 ? message[..cut] : message;
        return text.Length > 200 ? text[..200] : text;
    }
}
