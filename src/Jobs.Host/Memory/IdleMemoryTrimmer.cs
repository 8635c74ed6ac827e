using Microsoft.Extensions.Options;

namespace StreamJobs.Host.Memory;

/// <summary>
/// Hands memory back after a burst. The GC keeps what a burst made it commit as long as allocation goes on at a
/// lower rate, which is why the host stayed at 1.5 GB after an overload. When the allocation rate has fallen below
/// half of its recent peak and the working set is well above where it was after the last trim, one blocking,
/// compacting, decommitting collection (<see cref="GCCollectionMode.Aggressive"/>) returns the freed memory; it also
/// lets the shared array pools drop their idle buffers. Under steady load the rate stays near its peak and nothing
/// runs.
/// </summary>
internal sealed class IdleMemoryTrimmer(IOptions<MemoryOptions> options, HostMemoryMetrics metrics, ILogger<IdleMemoryTrimmer> logger) : BackgroundService
{
    /// <summary>Growth of the working set since the last trim that makes another worth its pause.</summary>
    public const long Growth = 64L * 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.TrimWhenIdle || settings.TrimCheckInterval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(settings.TrimCheckInterval);
        var allocated = GC.GetTotalAllocatedBytes();
        var peak = 0d;
        var floor = Environment.WorkingSet;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = GC.GetTotalAllocatedBytes();
                var rate = now - allocated;
                allocated = now;
                peak = Math.Max(peak * 0.9, rate);
                var workingSet = Environment.WorkingSet;
                floor = Math.Min(floor, workingSet);
                if (!ShouldTrim(rate, peak, workingSet, floor)) continue;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                floor = Environment.WorkingSet;
                metrics.Trimmed();
                logger.LogInformation("Returned memory after a burst: working set {Before} MiB -> {After} MiB", workingSet >> 20, floor >> 20);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>True when allocation calmed down (below half the decaying peak) and the working set grew by <see cref="Growth"/> since the last trim.</summary>
    public static bool ShouldTrim(long rate, double peak, long workingSet, long floor) => rate < peak / 2 && workingSet - floor > Growth;
}
