namespace StreamJobs.Mql.Tool;

/// <summary>What <c>mql</c> exits with, so scripts can tell a bad query from a host that is down.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The host answered with an error (unknown stream, 401, 429), or a file could not be read.</summary>
    public const int Failed = 1;

    /// <summary>The query (or the command line) is wrong.</summary>
    public const int BadQuery = 2;

    /// <summary>The host could not be reached.</summary>
    public const int Unreachable = 3;
}
