namespace StreamJobs.Cassandra.Protocol;

/// <summary>The effective per-request settings after applying cluster defaults.</summary>
internal readonly record struct RequestOptions(
    ProtocolVersion Version,
    ConsistencyLevel Consistency,
    int PageSize,
    byte[]? PagingState);
