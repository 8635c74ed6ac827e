namespace StreamJobs.FlowEnricher.Tests.Support;

/// <summary>Services for a job under test: the first of the given instances that fits the asked type.</summary>
internal sealed class ServiceSet(params object[] services) : IServiceProvider
{
    public object? GetService(Type serviceType) => services.FirstOrDefault(serviceType.IsInstanceOfType);
}
