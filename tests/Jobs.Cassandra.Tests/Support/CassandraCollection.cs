namespace StreamJobs.Cassandra.Tests.Support;

/// <summary>Integration tests share one server and one of them restarts it, so they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class CassandraCollection : ICollectionFixture<CassandraFixture>
{
    public const string Name = "Cassandra server";
}
