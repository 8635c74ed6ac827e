namespace StreamJobs.TraceStore.Tests.Contract;

/// <summary>The contract against a real Cassandra (2.1 here: the oldest schema options the store supports).</summary>
public sealed class CassandraTraceStoreContractTests(CassandraStoreFixture fixture) : TraceStoreContract(fixture.Store), IClassFixture<CassandraStoreFixture>;
