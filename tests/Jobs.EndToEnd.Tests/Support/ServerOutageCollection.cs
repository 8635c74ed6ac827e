namespace StreamJobs.EndToEnd.Tests.Support;

/// <summary>
/// Tests that stop a server mid-run: xUnit runs this collection alone, after the others, so no test of another class
/// finds Cassandra (or Kafka) gone under it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerOutageCollection
{
    public const string Name = "server outages";
}
