using Microsoft.Extensions.Options;

namespace StreamJobs.Host.Demo;

/// <summary>Stops the demo after its configured duration, the same way Ctrl-C does (a graceful, draining stop).</summary>
internal sealed class DemoStopper(IOptions<DemoOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Duration is not { } duration) return;
        await Task.Delay(duration, time, stoppingToken);
        lifetime.StopApplication();
    }
}
