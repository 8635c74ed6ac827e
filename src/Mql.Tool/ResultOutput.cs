using System.Text.Json;
using Spectre.Console;

namespace StreamJobs.Mql.Tool;

/// <summary>
/// Where results go: NDJSON lines as they come (the default, for pipes), or with <c>--table</c> a table per burst
/// of rows (a closed window's rows arrive together) drawn with Spectre.Console.
/// </summary>
internal sealed class ResultOutput(TextWriter output, bool table)
{
    private readonly List<JsonElement> _rows = [];

    public long Written { get; private set; }

    public void Write(string json)
    {
        Written++;
        if (!table)
        {
            output.WriteLine(json);
            return;
        }
        using var document = JsonDocument.Parse(json);
        _rows.Add(document.RootElement.Clone());
    }

    /// <summary>Draws the rows gathered so far (table mode); a no-op for NDJSON.</summary>
    public void EndBurst(string? title = null)
    {
        if (_rows.Count == 0) return;
        var columns = _rows.SelectMany(r => r.ValueKind == JsonValueKind.Object ? r.EnumerateObject().Select(p => p.Name) : ["value"]).Distinct().ToArray();
        var grid = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns) grid.AddColumn(new TableColumn(Markup.Escape(column)));
        foreach (var row in _rows)
        {
            grid.AddRow(columns.Select(c => Markup.Escape(Cell(row, c))).ToArray());
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
        if (title is not null) output.WriteLine("window " + title);
        console.Write(grid);
        output.Flush();
        _rows.Clear();
    }

    private static string Cell(JsonElement row, string column)
    {
        if (row.ValueKind != JsonValueKind.Object) return row.GetRawText();
        if (!row.TryGetProperty(column, out var value)) return "";
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Null => "null",
            _ => value.GetRawText(),
        };
    }
}
