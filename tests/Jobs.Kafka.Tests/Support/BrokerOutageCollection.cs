namespace StreamJobs.Kafka.Tests.Support;

/// <summary>Tests that stop the broker run alone, after every other test of the assembly.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerOutageCollection
{
    public const string Name = "broker-outage";
}
