namespace StreamJobs.Mql.Syntax;

/// <summary>Unwinds the tokenizer or parser to <see cref="Mql.TryParse"/> with the first error found.</summary>
internal sealed class MqlSyntaxException(MqlError error) : Exception(error.ToString())
{
    public MqlError Error { get; } = error;
}
