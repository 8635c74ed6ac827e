using System.Text;

namespace StreamJobs.Mql;

/// <summary>
/// A syntax or semantic error in a query, with its position. <see cref="ToString"/> gives the
/// documented form <c>line L, column C: message</c>, for example
/// <c>line 1, column 10: expected a property, a literal or '(' but found 'FROM'</c>.
/// </summary>
public sealed class MqlError
{
    internal MqlError(string text, int position, string message, string? expected = null, string? found = null)
    {
        Position = Math.Clamp(position, 0, text.Length);
        Message = message;
        Expected = expected;
        Found = found;
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < Position; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        Line = line;
        Column = Position - lineStart + 1;
    }

    /// <summary>1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>1-based column of the error (in UTF-16 characters).</summary>
    public int Column { get; }

    /// <summary>0-based offset of the error in the query text.</summary>
    public int Position { get; }

    /// <summary>The message without the position prefix.</summary>
    public string Message { get; }

    /// <summary>What the parser expected at this point, when the error is a syntax error.</summary>
    public string? Expected { get; }

    /// <summary>What it found instead (a quoted token or <c>end of input</c>), when the error is a syntax error.</summary>
    public string? Found { get; }

    internal static MqlError Unexpected(string text, int position, string expected, string found) =>
        new(text, position, $"expected {expected} but found {found}", expected, found);

    /// <summary>
    /// Renders the offending line of <paramref name="text"/> followed by a line with a caret under the column,
    /// e.g. <c>select * from x where\n                      ^</c>. A line longer than 160 characters is cut to the
    /// 80 characters either side of the column, marked with <c>…</c>, so a huge query cannot make a huge message.
    /// </summary>
    public string RenderCaret(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const int Context = 80;
        var start = Position - (Column - 1);
        var end = text.IndexOf('\n', start);
        var line = (end < 0 ? text[start..] : text[start..end]).TrimEnd('\r');
        var column = Column;
        var prefix = string.Empty;
        if (line.Length > 2 * Context)
        {
            var from = Math.Max(0, column - 1 - Context);
            var to = Math.Min(line.Length, column - 1 + Context);
            prefix = from > 0 ? "…" : string.Empty;
            line = prefix + line[from..to] + (to < line.Length ? "…" : string.Empty);
            column = column - from + prefix.Length;
        }

        var caret = new StringBuilder(column);
        for (var i = 0; i < column - 1 && i < line.Length; i++)
        {
            // Tabs stay tabs so the caret lines up whatever the terminal's tab width.
            caret.Append(line[i] == '\t' ? '\t' : ' ');
        }

        caret.Append(' ', Math.Max(0, column - 1 - line.Length)).Append('^');
        return line + "\n" + caret;
    }

    /// <summary>The error as <c>line L, column C: message</c>.</summary>
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}
