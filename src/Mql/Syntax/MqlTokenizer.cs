using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StreamJobs.Mql.Syntax;

/// <summary>
/// Turns query text into tokens. Regex literals (<c>/…/</c>) are only recognised right after <c>==~</c>,
/// which is what lets <c>/</c> stay free elsewhere.
/// </summary>
internal static class MqlTokenizer
{
    private static readonly Dictionary<string, MqlTokenKind> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["select"] = MqlTokenKind.Select,
        ["from"] = MqlTokenKind.From,
        ["where"] = MqlTokenKind.Where,
        ["window"] = MqlTokenKind.Window,
        ["group"] = MqlTokenKind.Group,
        ["by"] = MqlTokenKind.By,
        ["having"] = MqlTokenKind.Having,
        ["order"] = MqlTokenKind.Order,
        ["asc"] = MqlTokenKind.Asc,
        ["desc"] = MqlTokenKind.Desc,
        ["limit"] = MqlTokenKind.Limit,
        ["sample"] = MqlTokenKind.Sample,
        ["as"] = MqlTokenKind.As,
        ["and"] = MqlTokenKind.And,
        ["or"] = MqlTokenKind.Or,
        ["not"] = MqlTokenKind.Not,
        ["in"] = MqlTokenKind.In,
        ["distinct"] = MqlTokenKind.Distinct,
        ["null"] = MqlTokenKind.Null,
        ["true"] = MqlTokenKind.True,
        ["false"] = MqlTokenKind.False,
    };

    public static List<MqlToken> Tokenize(string text)
    {
        var tokens = new List<MqlToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new MqlToken(MqlTokenKind.End, text.Length, 0));
                return tokens;
            }

            var afterRegexOperator = tokens.Count > 0 && tokens[^1].Kind == MqlTokenKind.RegexMatch;
            var token = afterRegexOperator && text[i] == '/' ? ReadRegex(text, i) : ReadToken(text, i);
            tokens.Add(token);
            i = token.Position + token.Length;
        }
    }

    private static MqlToken ReadToken(string text, int start)
    {
        var c = text[start];
        if (char.IsLetter(c) || c == '_')
        {
            var end = start + 1;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '-' or '$'))
            {
                end++;
            }

            var word = text.AsSpan(start, end - start);
            var kind = Keywords.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var keyword)
                ? keyword
                : MqlTokenKind.Identifier;
            return new MqlToken(kind, start, end - start);
        }

        if (char.IsAsciiDigit(c) || (c == '-' && start + 1 < text.Length && char.IsAsciiDigit(text[start + 1])))
        {
            return ReadNumber(text, start);
        }

        if (c is '\'' or '"')
        {
            return ReadString(text, start);
        }

        var next = start + 1 < text.Length ? text[start + 1] : '\0';
        var third = start + 2 < text.Length ? text[start + 2] : '\0';
        return c switch
        {
            '*' => new MqlToken(MqlTokenKind.Star, start, 1),
            ',' => new MqlToken(MqlTokenKind.Comma, start, 1),
            '.' => new MqlToken(MqlTokenKind.Dot, start, 1),
            ':' => new MqlToken(MqlTokenKind.Colon, start, 1),
            '(' => new MqlToken(MqlTokenKind.LParen, start, 1),
            ')' => new MqlToken(MqlTokenKind.RParen, start, 1),
            '[' => new MqlToken(MqlTokenKind.LBracket, start, 1),
            ']' => new MqlToken(MqlTokenKind.RBracket, start, 1),
            '{' => new MqlToken(MqlTokenKind.LBrace, start, 1),
            '}' => new MqlToken(MqlTokenKind.RBrace, start, 1),
            '=' when next == '=' && third == '~' => new MqlToken(MqlTokenKind.RegexMatch, start, 3),
            '=' when next == '=' && third == '+' => new MqlToken(MqlTokenKind.Contains, start, 3),
            '=' when next == '=' => new MqlToken(MqlTokenKind.Equal, start, 2),
            '=' => new MqlToken(MqlTokenKind.Equal, start, 1),
            '!' when next == '=' => new MqlToken(MqlTokenKind.NotEqual, start, 2),
            '!' => new MqlToken(MqlTokenKind.Not, start, 1),
            '<' when next == '>' => new MqlToken(MqlTokenKind.NotEqual, start, 2),
            '<' when next == '=' => new MqlToken(MqlTokenKind.LessOrEqual, start, 2),
            '<' => new MqlToken(MqlTokenKind.Less, start, 1),
            '>' when next == '=' => new MqlToken(MqlTokenKind.GreaterOrEqual, start, 2),
            '>' => new MqlToken(MqlTokenKind.Greater, start, 1),
            '&' when next == '&' => new MqlToken(MqlTokenKind.And, start, 2),
            '|' when next == '|' => new MqlToken(MqlTokenKind.Or, start, 2),
            _ => throw Error(text, start, $"unexpected character '{c}'"),
        };
    }

    private static MqlToken ReadNumber(string text, int start)
    {
        var end = start + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        if (end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1]))
        {
            end += 2;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
        }

        if (end < text.Length && text[end] is 'e' or 'E')
        {
            var exponent = end + 1;
            if (exponent < text.Length && text[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (exponent < text.Length && char.IsAsciiDigit(text[exponent]))
            {
                end = exponent;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }
            }
        }

        var value = double.Parse(text.AsSpan(start, end - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        return new MqlToken(MqlTokenKind.Number, start, end - start, Number: value);
    }

    private static MqlToken ReadString(string text, int start)
    {
        var quote = text[start];
        var value = new StringBuilder();
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == quote)
            {
                return new MqlToken(MqlTokenKind.String, start, i + 1 - start, value.ToString());
            }

            if (c == '\\' && i + 1 < text.Length)
            {
                i = ReadEscape(text, i, value);
                continue;
            }

            value.Append(c);
            i++;
        }

        throw Error(text, start, "unterminated string literal");
    }

    private static int ReadEscape(string text, int backslash, StringBuilder value)
    {
        var e = text[backslash + 1];
        switch (e)
        {
            case 'n': value.Append('\n'); break;
            case 't': value.Append('\t'); break;
            case 'r': value.Append('\r'); break;
            case 'u' when backslash + 5 < text.Length
                && int.TryParse(text.AsSpan(backslash + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                value.Append((char)code);
                return backslash + 6;
            case '\\' or '\'' or '"' or '/': value.Append(e); break;
            default: throw Error(text, backslash, $"unknown escape sequence '\\{e}'");
        }

        return backslash + 2;
    }

    private static MqlToken ReadRegex(string text, int start)
    {
        var pattern = new StringBuilder();
        var i = start + 1;
        while (i < text.Length && text[i] != '/')
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '/')
            {
                // Only the delimiter is unescaped; every other escape belongs to the regex itself.
                pattern.Append('/');
                i += 2;
                continue;
            }

            pattern.Append(text[i]);
            i++;
        }

        if (i >= text.Length)
        {
            throw Error(text, start, "unterminated regular expression");
        }

        i++;
        var options = RegexOptions.None;
        while (i < text.Length && text[i] is 'i' or 'm' or 's' or 'x')
        {
            options |= text[i] switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                _ => RegexOptions.IgnorePatternWhitespace,
            };
            i++;
        }

        return new MqlToken(MqlTokenKind.Regex, start, i - start, pattern.ToString(), (int)options);
    }

    private static MqlSyntaxException Error(string text, int position, string message) =>
        new(new MqlError(text, position, message));
}
