using StreamJobs.Metrics;
using StreamJobs.TailSampler;

namespace StreamJobs.Host.Console;

/// <summary>
/// Prints the demo's live progress: one line per interval that fits 120 columns (<see cref="ProgressLine"/>), redrawn
/// in place on a terminal and written as plain lines when the output is redirected. At the end,
/// <see cref="Totals"/> gives the per-job totals and, apart from them, what the drain decided.
/// </summary>
internal sealed class ProgressReporter(StreamMetrics metrics, TimeProvider time, IServiceProvider services) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    // Resolved now: the final totals are printed after the host (and its service provider) is gone.
    private readonly ProgressLine _line = new(metrics, services.GetService<TailSamplerMetrics>(), services.GetService<FlowEnricher.FlowEnricherMetrics>());
    private PipelineSnapshot? _atStop;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interactive = !System.Console.IsOutputRedirected;
        using var timer = new PeriodicTimer(Interval, time);
        var last = time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.GetTimestamp();
                var line = _line.Next(time.GetElapsedTime(last, now).TotalSeconds, Width(interactive));
                last = now;
                // "\e[K" clears what is left of a longer previous line.
                if (interactive) System.Console.Write("\r" + line + "\u001b[K");
                else System.Console.WriteLine(line);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            // This service stops before the job runner drains (services stop in reverse order): what happens from here is the drain's.
            _atStop = _line.Snapshot();
            if (interactive) System.Console.WriteLine();
        }
    }

    /// <summary>The closing lines, printed once the jobs have drained so the totals are final.</summary>
    internal IEnumerable<string> Totals() => _line.Totals(_atStop);

    private static int Width(bool interactive)
    {
        if (!interactive) return ProgressLine.MaxWidth;
        try
        {
            return Math.Clamp(System.Console.WindowWidth - 1, 40, ProgressLine.MaxWidth);
        }
        catch (IOException)
        {
            return ProgressLine.MaxWidth;
        }
    }
}
