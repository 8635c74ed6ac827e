using System.Text;
using StreamJobs.Metrics;
using StreamJobs.TailSampler;

namespace StreamJobs.Host.Console;

/// <summary>
/// Prints one live progress line: records/s in and out per job. On a terminal the line is redrawn in place; when the
/// output is redirected (logs, tests) a full line is written every interval.
/// </summary>
internal sealed class ProgressReporter(StreamMetrics metrics, TimeProvider time, IServiceProvider services) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, (long In, long Out)> _last = new();
    // Resolved now: the final totals line is printed after the host (and its service provider) is gone.
    private readonly TailSamplerMetrics? _sampling = services.GetService<TailSamplerMetrics>();
    private readonly FlowEnricher.FlowEnricherMetrics? _flows = services.GetService<FlowEnricher.FlowEnricherMetrics>();

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
                var line = Line(time.GetElapsedTime(last, now).TotalSeconds);
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
            if (interactive) System.Console.WriteLine();
        }
    }

    /// <summary>
    /// One line: for each job that has seen a record, records/s taken in by its sources and handed to its sinks (jobs
    /// still idle, such as an ingest endpoint nobody posts to, are left out to keep the line short).
    /// </summary>
    internal string Line(double seconds, bool totals = false)
    {
        var text = new StringBuilder(totals ? "total" : "progress");
        foreach (var job in metrics.Stages.GroupBy(s => s.Job).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var taken = job.Where(s => s.Kind == StageKind.Source).Sum(s => s.Out);
            var given = job.Where(s => s.Kind == StageKind.Sink).Sum(s => s.In);
            var dropped = job.Sum(s => s.Dropped + s.DeadLettered);
            if (taken == 0 && given == 0 && dropped == 0 && job.All(s => s.In == 0 && s.Out == 0)) continue;
            _last.TryGetValue(job.Key, out var before);
            _last[job.Key] = (taken, given);
            text.Append(" | ").Append(job.Key).Append(' ');
            if (totals) text.Append($"in {taken:N0} out {given:N0}");
            else text.Append($"in {Rate(taken - before.In, seconds)}/s out {Rate(given - before.Out, seconds)}/s");
            if (dropped > 0) text.Append($" dropped {dropped:N0}");
        }
        if (_sampling is not null) AppendSampling(text, _sampling);
        if (_flows is not null) text.Append($" | flows attributed {_flows.Attributed:N0} unattributed {_flows.Unattributed:N0} waiting {_flows.Waiting:N0}");
        return text.ToString();
    }

    /// <summary>Sampling totals: traces decided, kept (by policy), dropped, and spans that came after their trace was decided.</summary>
    private static void AppendSampling(StringBuilder text, TailSamplerMetrics sampling)
    {
        var kept = sampling.KeptByPolicy();
        text.Append($" | traces in {sampling.TracesIn:N0} kept {kept.Values.Sum():N0}");
        if (kept.Count > 0) text.Append(" (").AppendJoin(", ", kept.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:N0}")).Append(')');
        text.Append($" dropped {sampling.Dropped:N0} late spans {sampling.LateSpans:N0}");
    }

    private static string Rate(long count, double seconds) =>
        seconds <= 0 ? "0" : (count / seconds) switch
        {
            >= 1_000_000 => $"{count / seconds / 1_000_000:0.0}M",
            >= 10_000 => $"{count / seconds / 1_000:0}k",
            var r => $"{r:0}",
        };
}
