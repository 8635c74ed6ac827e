namespace StreamJobs.Jobs;

/// <summary>A service provider with nothing in it, for jobs run outside a host.</summary>
internal sealed class EmptyServices : IServiceProvider
{
    public static readonly EmptyServices Instance = new();

    public object? GetService(Type serviceType) => null;
}
