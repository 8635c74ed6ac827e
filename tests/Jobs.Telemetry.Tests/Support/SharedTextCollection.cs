using Xunit;

namespace StreamJobs.Telemetry.Tests.Support;

/// <summary>
/// Tests asserting that parses share one string instance run alone: the shared text cache is process-wide and
/// direct-mapped, so another test parsing many names at the same moment could evict a slot between two parses.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedTextCollection
{
    public const string Name = "shared text";
}
