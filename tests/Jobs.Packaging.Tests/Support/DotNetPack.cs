namespace StreamJobs.Packaging.Tests.Support;

/// <summary>
/// Test classes that run <c>dotnet pack</c> on the repository's projects: they run one after another, since two packs
/// building the same project at once collide on its output files.
/// </summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class DotNetPack
{
    public const string Collection = "dotnet pack";
}
