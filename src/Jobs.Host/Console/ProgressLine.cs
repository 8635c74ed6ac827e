using System.Globalization;
using System.Text;
using StreamJobs.FlowEnricher;
using StreamJobs.Metrics;
using StreamJobs.TailSampler;

namespace StreamJobs.Host.Console;

/// <summary>
/// The demo's progress, per pipeline rather than per job: spans in, traces decided and kept (with the policies' shares),
/// flows in, the share attributed and how many wait, and what was dropped. Fits the width it is given (at most 120
/// columns), so a terminal redraws it in place; the least important parts go first when it does not.
/// </summary>
internal sealed class ProgressLine(StreamMetrics metrics, TailSamplerMetrics? sampling, FlowEnricherMetrics? flows)
{
    public const int MaxWidth = 120;
    private PipelineSnapshot? _last;

    /// <summary>The line for the interval of <paramref name="seconds"/> since the last call.</summary>
    public string Next(double seconds, int width = MaxWidth)
    {
        var now = Snapshot();
        var before = _last ?? now with { Spans = 0, Traces = 0, Kept = 0, Flows = 0 };
        _last = now;
        var spans = Rate(now.Spans - before.Spans, seconds);
        var traces = sampling is null ? null : $"traces {Rate(now.Traces - before.Traces, seconds)}/s kept {Rate(now.Kept - before.Kept, seconds)}/s";
        string? Policies(int top) => sampling is null || now.Kept == 0 ? null
            : "(" + string.Join(", ", now.KeptByPolicy.OrderByDescending(p => p.Value).Take(top).Select(p => $"{p.Key} {Percent(p.Value, now.Kept)}")) + ")";
        var flowPart = flows is null ? null
            : $"flows {Rate(now.Flows - before.Flows, seconds)}/s attributed {Percent(now.Attributed, now.Attributed + now.Unattributed)} waiting {now.Waiting:N0}";
        var dropped = Dropped();
        var droppedPart = dropped > 0 ? $"dropped {dropped:N0}" : null;

        // Longest first; drop detail until it fits.
        string?[][] candidates =
        [
            [$"spans {spans}/s", Join(traces, Policies(3)), flowPart, droppedPart],
            [$"spans {spans}/s", Join(traces, Policies(2)), flowPart, droppedPart],
            [$"spans {spans}/s", traces, flowPart, droppedPart],
            [$"spans {spans}/s", traces, flowPart],
        ];
        foreach (var parts in candidates)
        {
            var line = "progress | " + string.Join(" | ", parts.Where(p => p is not null));
            if (line.Length <= width) return line;
        }
        var shortest = "progress | " + string.Join(" | ", candidates[^1].Where(p => p is not null));
        return shortest[..(width - 1)] + "…";
    }

    /// <summary>The pipeline counters now.</summary>
    public PipelineSnapshot Snapshot()
    {
        var stages = metrics.Stages;
        return new PipelineSnapshot(
            Spans: stages.Where(s => s is { Job: "span-buffer", Kind: StageKind.Source }).Sum(s => s.Out),
            Traces: sampling?.TracesIn ?? 0,
            Kept: sampling?.Kept ?? 0,
            KeptByPolicy: sampling?.KeptByPolicy() ?? new Dictionary<string, long>(),
            // Only the flows the enricher took: its ownership-event input is counted apart (Totals).
            Flows: stages.Where(s => s is { Job: "flow-enricher", Kind: StageKind.Source, Stage: "subscribe-flows" }).Sum(s => s.Out),
            Attributed: flows?.Attributed ?? 0,
            Unattributed: flows?.Unattributed ?? 0,
            Waiting: flows?.Waiting ?? 0);
    }

    /// <summary>
    /// Per job, records taken by its sources (each input named when there are several, so ownership events are not
    /// counted as flows) and handed to its sinks; then, apart, what the drain decided after <paramref name="atStop"/>.
    /// </summary>
    public IEnumerable<string> Totals(PipelineSnapshot? atStop)
    {
        var text = new StringBuilder("total");
        foreach (var job in metrics.Stages.GroupBy(s => s.Job).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var sources = job.Where(s => s.Kind == StageKind.Source).OrderBy(s => s.Stage, StringComparer.Ordinal).ToList();
            var given = job.Where(s => s.Kind == StageKind.Sink).Sum(s => s.In);
            var dropped = job.Sum(s => s.Dropped + s.DeadLettered);
            if (job.All(s => s.In == 0 && s.Out == 0 && s.Dropped == 0)) continue;
            text.Append(" | ").Append(job.Key).Append(" in ").Append(sources.Sum(s => s.Out).ToString("N0", CultureInfo.InvariantCulture));
            if (sources.Count > 1)
            {
                text.Append(" (").AppendJoin(" + ", sources.Select(s => $"{s.Out:N0} {s.Stage.Replace("subscribe-", "", StringComparison.Ordinal)}")).Append(')');
            }
            text.Append($" out {given:N0}");
            if (dropped > 0) text.Append($" dropped {dropped:N0}");
        }
        var now = Snapshot();
        if (sampling is not null)
        {
            text.Append($" | traces in {now.Traces:N0} kept {now.Kept:N0}");
            if (now.KeptByPolicy.Count > 0) text.Append(" (").AppendJoin(", ", now.KeptByPolicy.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:N0}")).Append(')');
            text.Append($" dropped {sampling.Dropped:N0} late spans {sampling.LateSpans:N0}");
        }
        if (flows is not null) text.Append($" | flows attributed {now.Attributed:N0} unattributed {now.Unattributed:N0} waiting {now.Waiting:N0}");
        yield return text.ToString();
        if (atStop is null) yield break;
        var drain = new List<string>();
        if (sampling is not null) drain.Add($"{now.Traces - atStop.Traces:N0} traces decided ({now.Kept - atStop.Kept:N0} kept) as buffers emptied");
        if (flows is not null)
        {
            drain.Add($"{now.Attributed - atStop.Attributed:N0} flows attributed and {now.Unattributed - atStop.Unattributed:N0} unattributed " +
                      $"as {atStop.Waiting:N0} waits were cut short");
        }
        if (drain.Count > 0) yield return "drain | " + string.Join(" | ", drain) + " (not counted in the steady-state rates above)";
    }

    private long Dropped() => metrics.Stages.Sum(s => s.Dropped + s.DeadLettered) - (sampling?.Dropped ?? 0);

    private static string? Join(string? a, string? b) => a is null ? null : b is null ? a : a + " " + b;

    private static string Percent(long part, long whole) => whole <= 0 ? "–" : $"{100.0 * part / whole:0}%";

    private static string Rate(long count, double seconds) =>
        seconds <= 0 ? "0" : (count / seconds) switch
        {
            >= 1_000_000 => $"{count / seconds / 1_000_000:0.0}M",
            >= 10_000 => $"{count / seconds / 1_000:0}k",
            >= 1_000 => $"{count / seconds / 1_000:0.0}k",
            var r => $"{r:0}",
        };
}
