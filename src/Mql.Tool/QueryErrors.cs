namespace StreamJobs.Mql.Tool;

/// <summary>Prints a bad query the same way whether it failed here or on the host.</summary>
internal static class QueryErrors
{
    /// <summary>Parses <paramref name="text"/>; on failure prints the error and the caret and returns null.</summary>
    public static MqlQuery? Parse(string text, TextWriter error)
    {
        if (Mql.TryParse(text, out var query, out var problem)) return query;
        Print(error, problem.ToString(), problem.RenderCaret(text));
        return null;
    }

    public static void Print(TextWriter error, string message, string? caret)
    {
        error.WriteLine("mql: bad query: " + message);
        if (caret is not null) error.WriteLine(caret);
    }
}
