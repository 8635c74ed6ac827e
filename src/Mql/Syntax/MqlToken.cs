namespace StreamJobs.Mql.Syntax;

/// <summary>
/// One token: its kind, where it sits in the query text, and the decoded value of string,
/// regex and number literals (identifiers and keywords are read back from the text).
/// </summary>
internal readonly record struct MqlToken(MqlTokenKind Kind, int Position, int Length, string? Value = null, double Number = 0)
{
    public string Text(string source) => source.Substring(Position, Length);

    /// <summary>How the token is named in an error message.</summary>
    public string Describe(string source) => Kind switch
    {
        MqlTokenKind.End => "end of input",
        MqlTokenKind.String => Text(source),
        _ => $"'{Text(source)}'",
    };
}
