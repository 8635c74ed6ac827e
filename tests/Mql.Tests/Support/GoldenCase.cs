namespace StreamJobs.Mql.Tests.Support;

/// <summary>One line of a golden file: <c>query ⇶ expected</c>.</summary>
public sealed record GoldenCase(string File, int Line, string Query, string Expected)
{
    public override string ToString() => $"{File}:{Line}: {Query}";
}
