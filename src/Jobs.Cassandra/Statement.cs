using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra;

/// <summary>Base of the executable statements; options left unset fall back to the cluster's defaults.</summary>
public abstract class Statement
{
    /// <summary>Consistency for this statement, or null for the cluster default.</summary>
    public ConsistencyLevel? ConsistencyLevel { get; private set; }

    /// <summary>Rows per page, or 0 for the cluster default.</summary>
    public int PageSize { get; private set; }

    /// <summary>Where to resume a paged read (from <see cref="RowSet.PagingState"/>), or null to start at the beginning.</summary>
    public byte[]? PagingState { get; private set; }

    /// <summary>
    /// Whether running the statement twice has the same effect as once. Only idempotent statements are retried after a
    /// write timeout, a request timeout or a connection lost mid-request; null means the cluster default.
    /// </summary>
    public bool? IsIdempotent { get; private set; }

    /// <summary>Sets the consistency level.</summary>
    public Statement SetConsistencyLevel(ConsistencyLevel consistency)
    {
        ConsistencyLevel = consistency;
        return this;
    }

    /// <summary>Sets the page size (rows per page).</summary>
    public Statement SetPageSize(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageSize);
        PageSize = pageSize;
        return this;
    }

    /// <summary>Resumes a paged read from a state returned by an earlier <see cref="RowSet"/>.</summary>
    public Statement SetPagingState(byte[]? pagingState)
    {
        PagingState = pagingState;
        return this;
    }

    /// <summary>Marks the statement idempotent (safe to retry) or not.</summary>
    public Statement SetIdempotence(bool idempotent)
    {
        IsIdempotent = idempotent;
        return this;
    }

    internal abstract Opcode Opcode { get; }

    /// <summary>Text for error messages.</summary>
    internal abstract string Describe();

    internal abstract void WriteBody(FrameWriter writer, in RequestOptions options);
}
