namespace StreamJobs.Cassandra;

/// <summary>CREATE of a keyspace or table that already exists (server error 0x2400).</summary>
public sealed class AlreadyExistsException : InvalidQueryException
{
    /// <summary>Creates the exception.</summary>
    public AlreadyExistsException(string message, string keyspace, string table)
        : base(0x2400, message)
    {
        Keyspace = keyspace;
        Table = table;
    }

    /// <summary>The keyspace that exists (or holds the table).</summary>
    public string Keyspace { get; }

    /// <summary>The table that exists; empty when the keyspace itself exists.</summary>
    public string Table { get; }
}
