using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests;

/// <summary>
/// Pins what dashboards, alerts, docs/operations.md and the tests read from <c>/metrics</c>: every StreamJobs metric
/// name and the label keys of its series, scraped from the demo host (spans, flows, span ingest). The Kafka source's
/// names are pinned where a broker runs (tests/Jobs.EndToEnd.Tests, HostMetrics). The OpenTelemetry exporter adds one
/// label to every series, <c>otel_scope_name</c> (the meter's name); it is checked apart from the pinned keys.
/// </summary>
public sealed partial class MetricNamesTests : IDisposable
{
    private static readonly string[] Expected =
    [
        "streamjobs_flowenricher_events_total{outcome}",
        "streamjobs_flowenricher_evicted_total",
        "streamjobs_flowenricher_flows_total{outcome}",
        "streamjobs_flowenricher_handed_off_total",
        "streamjobs_flowenricher_held",
        "streamjobs_flowenricher_late_total",
        "streamjobs_flowenricher_rejected_at_capacity_total",
        "streamjobs_flowenricher_tracked_ips",
        "streamjobs_flowenricher_waiting",
        "streamjobs_flowingest_datagrams_total{outcome}",
        "streamjobs_flowingest_http_throttled_total",
        "streamjobs_flowingest_http_undelivered_total",
        "streamjobs_flowingest_ownership_events_total{outcome}",
        "streamjobs_flowingest_records_total{outcome}",
        "streamjobs_flowwindows_closed_early_total",
        "streamjobs_flowwindows_late_dropped_total",
        "streamjobs_flowwindows_windows_total",
        "streamjobs_ingest_b3_invalid_total",
        "streamjobs_ingest_concurrency_refused_total",
        "streamjobs_ingest_requests_total{protocol,status}",
        "streamjobs_ingest_spans_total{outcome,protocol}",
        "streamjobs_memory_available_bytes",
        "streamjobs_memory_gc_committed_bytes",
        "streamjobs_memory_gc_heap_bytes",
        "streamjobs_memory_out_of_memory_total",
        "streamjobs_memory_trims_total",
        "streamjobs_memory_working_set_bytes",
        "streamjobs_records_dead_lettered_total{job,stage}",
        "streamjobs_records_dropped_total{job,stage}",
        "streamjobs_records_in_total{job,stage}",
        "streamjobs_records_out_total{job,stage}",
        "streamjobs_sampler_late_spans_total",
        "streamjobs_sampler_late_traces_total",
        "streamjobs_sampler_traces_total{decision,policy}",
        "streamjobs_sampler_traces_total{decision}",
        "streamjobs_spanbuffer_held_bytes",
        "streamjobs_spanbuffer_held_traces",
        "streamjobs_spanbuffer_spans_total{kind}",
        "streamjobs_spanbuffer_traces_total{kind}",
        "streamjobs_taps_open",
    ];

    private const string ScopeLabel = "otel_scope_name";

    private readonly string _workDir = Directory.CreateTempSubdirectory("streamjobs-metrics-").FullName;

    [Fact]
    public async Task The_metrics_endpoint_serves_the_documented_names_and_label_keys()
    {
        await using var host = HostProcess.Start(_workDir, "demo", "--StreamJobs:Jobs:demo-traffic:TracesPerSecond=500");
        Assert.True(await host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), "the host never became ready: " + string.Join("\n", host.Errors));
        using var span = new StringContent(
            """[{"traceId":"463ac35c9f6413ad48485a3953bb6124","id":"a2fb4a1d1a96d312","name":"get","timestamp":1700000000000000,"duration":1000,"localEndpoint":{"serviceName":"pin"}}]""",
            Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        (await host.Http.PostAsync("/api/v2/spans", span)).EnsureSuccessStatusCode();

        // Every family shows up once its job has started and recorded; the demo's flow path takes a few seconds.
        IReadOnlyList<string> families = [];
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            families = Families(await host.Http.GetStringAsync("/metrics"));
            if (Expected.All(families.Contains)) break;
            await Task.Delay(500);
        }

        Assert.Equal(Expected, families);
        var scrape = await host.Http.GetStringAsync("/metrics");
        var series = scrape.Split('\n').Where(line => line.StartsWith("streamjobs_", StringComparison.Ordinal)).ToList();
        Assert.All(series, line => Assert.Matches(ScopeLabel + "=\"StreamJobs[^\"]*\"", line));
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    /// <summary>Each StreamJobs series as its name and sorted label keys, once per distinct combination.</summary>
    private static List<string> Families(string scrape) => scrape.Split('\n')
        .Select(line => Sample().Match(line))
        .Where(match => match.Success)
        .Select(match =>
        {
            var keys = LabelKey().Matches(match.Groups["labels"].Value).Select(m => m.Groups[1].Value)
                .Where(key => key != ScopeLabel).Order(StringComparer.Ordinal).ToList();
            return match.Groups["name"].Value + (keys.Count == 0 ? "" : "{" + string.Join(",", keys) + "}");
        })
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    [GeneratedRegex("""^(?<name>streamjobs_[a-zA-Z0-9_]*)(\{(?<labels>.*)\})? \S+""")]
    private static partial Regex Sample();

    [GeneratedRegex(""""([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*"""")]
    private static partial Regex LabelKey();
}
