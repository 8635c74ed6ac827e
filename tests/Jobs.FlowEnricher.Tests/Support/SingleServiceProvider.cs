namespace StreamJobs.FlowEnricher.Tests.Support;

/// <summary>Services for a job under test: one shared instance (e.g. the metrics), nothing else.</summary>
internal sealed class SingleServiceProvider(object service) : IServiceProvider
{
    public object? GetService(Type serviceType) => serviceType.IsInstanceOfType(service) ? service : null;
}
