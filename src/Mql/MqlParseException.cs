namespace StreamJobs.Mql;

/// <summary>Thrown by <see cref="Mql.Parse"/> when a query is invalid; carries the <see cref="MqlError"/>.</summary>
public sealed class MqlParseException : FormatException
{
    /// <summary>Creates the exception for an error.</summary>
    public MqlParseException(MqlError error)
        : base(error?.ToString())
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The error, with line, column and message.</summary>
    public MqlError Error { get; }
}
