using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra;

/// <summary>A statement prepared on the server; <see cref="Bind"/> it to values to execute it.</summary>
public sealed class PreparedStatement
{
    internal PreparedStatement(byte[] id, string cql, RowsMetadata variables, string? keyspace)
    {
        Id = id;
        Cql = cql;
        Variables = variables.Columns;
        Keyspace = keyspace;
    }

    /// <summary>The server's id for the statement.</summary>
    public byte[] Id { get; internal set; }

    /// <summary>The CQL text that was prepared.</summary>
    public string Cql { get; }

    /// <summary>The bind variables, in order, with their column types.</summary>
    public IReadOnlyList<CqlColumn> Variables { get; }

    /// <summary>The session keyspace the statement was prepared in, if any.</summary>
    public string? Keyspace { get; }

    /// <summary>Default consistency for statements bound from this one.</summary>
    public ConsistencyLevel? ConsistencyLevel { get; private set; }

    /// <summary>Default idempotence for statements bound from this one.</summary>
    public bool? IsIdempotent { get; private set; }

    /// <summary>Sets the default consistency of bound statements.</summary>
    public PreparedStatement SetConsistencyLevel(ConsistencyLevel consistency)
    {
        ConsistencyLevel = consistency;
        return this;
    }

    /// <summary>Sets the default idempotence of bound statements.</summary>
    public PreparedStatement SetIdempotence(bool idempotent)
    {
        IsIdempotent = idempotent;
        return this;
    }

    /// <summary>Binds one value per bind marker, in order; values are converted to the column types.</summary>
    /// <exception cref="ArgumentException">The number of values does not match the bind markers.</exception>
    public BoundStatement Bind(params object?[] values)
    {
        values ??= [null];
        if (values.Length != Variables.Count)
        {
            throw new ArgumentException(
                $"The statement has {Variables.Count} bind markers ({string.Join(", ", Variables.Select(v => v.Name))}) but {values.Length} values were given.",
                nameof(values));
        }

        var bound = new BoundStatement(this, values);
        if (ConsistencyLevel is { } cl)
        {
            bound.SetConsistencyLevel(cl);
        }

        if (IsIdempotent is { } idempotent)
        {
            bound.SetIdempotence(idempotent);
        }

        return bound;
    }
}
