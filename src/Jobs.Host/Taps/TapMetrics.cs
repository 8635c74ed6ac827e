using System.Diagnostics.Metrics;

namespace StreamJobs.Host.Taps;

/// <summary>
/// Tap counters on the <c>StreamJobs.Taps</c> meter (served on /metrics): regex timeouts, taps the host stopped and
/// why, and records skipped because a tap used up its evaluation budget.
/// </summary>
internal sealed class TapMetrics : IDisposable
{
    private readonly Meter _meter = new("StreamJobs.Taps");
    private readonly Counter<long> _regexTimeouts;
    private readonly Counter<long> _stopped;
    private readonly Counter<long> _overBudget;

    public TapMetrics(TapSlots slots)
    {
        _regexTimeouts = _meter.CreateCounter<long>("streamjobs.taps.regex_timeouts", "{match}", "Regex matches in tap queries that timed out (counted as no match), by stream.");
        _stopped = _meter.CreateCounter<long>("streamjobs.taps.stopped", "{tap}", "Taps the host ended itself, by reason (regex-timeouts, shutdown).");
        _overBudget = _meter.CreateCounter<long>("streamjobs.taps.over_budget", "{record}", "Records taps skipped because they had used up their evaluation budget, by stream.");
        _meter.CreateObservableGauge("streamjobs.taps.open", () => slots.Open, "{tap}", "Taps open on this node.");
    }

    public void RegexTimeouts(string stream, long count)
    {
        if (count > 0) _regexTimeouts.Add(count, new KeyValuePair<string, object?>("stream", stream));
    }

    public void OverBudget(string stream, long count)
    {
        if (count > 0) _overBudget.Add(count, new KeyValuePair<string, object?>("stream", stream));
    }

    public void Stopped(string reason) => _stopped.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => _meter.Dispose();
}
