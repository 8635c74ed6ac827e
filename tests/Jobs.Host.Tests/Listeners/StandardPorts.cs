namespace StreamJobs.Host.Tests.Listeners;

/// <summary>
/// Tests that bind the standard ports 9411, 4318 and 4317 themselves: they run one after another and beside no other
/// test of this collection. Every other test host moves its operations port and so claims none of them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StandardPorts
{
    public const string Name = "standard ports";
}
