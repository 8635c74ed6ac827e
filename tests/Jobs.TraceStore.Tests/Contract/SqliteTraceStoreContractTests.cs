namespace StreamJobs.TraceStore.Tests.Contract;

/// <summary>The contract against the embedded SQLite store.</summary>
public sealed class SqliteTraceStoreContractTests(SqliteStoreFixture fixture) : TraceStoreContract(fixture.Store), IClassFixture<SqliteStoreFixture>;
