using StreamJobs.Telemetry.Storage;

namespace StreamJobs.Host.Query;

/// <summary>
/// The store the query API reads: opened on first use (a Cassandra store needs its session and schema), retried on
/// the next request when opening fails, so the API answers 503 while the store is down rather than failing the host.
/// </summary>
internal sealed class TraceStoreAccess(Func<CancellationToken, Task<ITraceStore>> open, string description)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ITraceStore? _store;

    /// <summary>What is read, for messages: "SQLite data/traces.db", "Cassandra keyspace streamjobs".</summary>
    public string Description => description;

    public async Task<ITraceStore> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _store) is { } store) return store;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _store ??= await open(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
