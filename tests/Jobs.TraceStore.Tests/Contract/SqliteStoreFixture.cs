using StreamJobs.Sqlite;

namespace StreamJobs.TraceStore.Tests.Contract;

/// <summary>A fresh SQLite store in a temporary folder with <see cref="ContractTraces"/> written twice.</summary>
public sealed class SqliteStoreFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("streamjobs-store-").FullName;

    public SqliteTraceStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = SqliteTraceStore.Open(new SqliteTraceStoreOptions { Path = Path.Combine(_folder, "traces.db") });
        await Store.WriteAsync(ContractTraces.All());
        await Store.WriteAsync(ContractTraces.All());
    }

    public Task DisposeAsync()
    {
        Store.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
