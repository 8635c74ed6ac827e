using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;

namespace StreamJobs.TraceStore.Tests.Contract;

/// <summary>
/// What every <see cref="ITraceStore"/> answers for <see cref="ContractTraces"/>: the same questions, the same
/// answers, whichever backend. A backend's test class derives from this and supplies the written store.
/// </summary>
public abstract class TraceStoreContract(ITraceStore store)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_trace_reads_back_by_id_with_its_late_spans_and_policy()
    {
        var trace = await store.GetTraceAsync(ContractTraces.Errors);

        Assert.NotNull(trace);
        Assert.Equal("errors", trace.Policy);
        Assert.Equal([1UL, 2, 3, 4, 5], trace.Spans.Select(s => s.Id.Value));
        Assert.Equal("load cart", trace.Spans[2].Name);
        Assert.Equal("postgres", trace.Spans[3].RemoteEndpoint?.ServiceName);
        Assert.Equal(7000_000, trace.Spans[2].DurationNanos);
        Assert.Equal(("error", "timeout"), (trace.Spans[2].Attributes[0].Key, trace.Spans[2].Attributes[0].Value.ToString()));
        Assert.Null(await store.GetTraceAsync(new TraceId(1, 2)));
    }

    [Fact]
    public async Task Names_are_lower_case_and_sorted()
    {
        Assert.Equal(["cart", "checkout", "frontend", "payments"], await store.GetServiceNamesAsync());
        Assert.Equal(["call cart", "get /cart", "get /home", "get /old"], await store.GetSpanNamesAsync("frontend"));
        Assert.Equal(["late retry", "load cart", "query"], await store.GetSpanNamesAsync("cart"));
        Assert.Equal(["post /pay"], await store.GetSpanNamesAsync("CHECKOUT"));
        Assert.Equal(["cart"], await store.GetRemoteServiceNamesAsync("frontend"));
        Assert.Equal(["postgres"], await store.GetRemoteServiceNamesAsync("cart"));
        Assert.Empty(await store.GetSpanNamesAsync("nobody"));
    }

    [Theory]
    [InlineData("service newest first", "frontend", null, null, null, null, null, null, 60, 10, "home errors")]
    [InlineData("service over older buckets", "frontend", null, null, null, null, null, null, 240, 10, "home errors old")]
    [InlineData("limit", "frontend", null, null, null, null, null, null, 240, 1, "home")]
    [InlineData("any service", null, null, null, null, null, null, null, 60, 10, "home checkout errors")]
    [InlineData("service in any case", "CHECKOUT", null, null, null, null, null, null, 60, 10, "checkout")]
    [InlineData("span name", "frontend", "GET /cart", null, null, null, null, null, 60, 10, "errors")]
    [InlineData("span name of another service", "frontend", "query", null, null, null, null, null, 60, 10, "")]
    [InlineData("remote service", "cart", null, "postgres", null, null, null, null, 60, 10, "errors")]
    [InlineData("error tag", "cart", null, null, "error", null, null, null, 60, 10, "errors")]
    [InlineData("error tag on another service's spans", "frontend", null, null, "error", null, null, null, 60, 10, "")]
    [InlineData("tag value", "cart", null, null, "db=q", null, null, null, 60, 10, "errors")]
    [InlineData("wrong tag value", "cart", null, null, "db=x", null, null, null, 60, 10, "")]
    [InlineData("two terms on different spans", "cart", null, null, "db=q and error", null, null, null, 60, 10, "errors")]
    [InlineData("annotation", "checkout", null, null, "charged", null, null, null, 60, 10, "checkout")]
    [InlineData("policy tag", null, null, null, "streamjobs.policy=latency", null, null, null, 60, 10, "checkout")]
    [InlineData("min duration", "payments", null, null, null, 40_000L, null, null, 60, 10, "checkout")]
    [InlineData("min duration above", "payments", null, null, null, 40_001L, null, null, 60, 10, "")]
    [InlineData("duration range", "frontend", null, null, null, 500L, 2000L, null, 240, 10, "home old")]
    [InlineData("policy", null, null, null, null, null, null, "errors", 60, 10, "errors")]
    [InlineData("policy and service", "frontend", null, null, null, null, null, "baseline", 240, 10, "home old")]
    [InlineData("unknown policy", null, null, null, null, null, null, "nope", 60, 10, "")]
    public async Task Searches_answer_like_zipkin(
        string why, string? service, string? spanName, string? remote, string? annotationQuery, long? minMicros, long? maxMicros, string? policy,
        int lookbackMinutes, int limit, string expected)
    {
        var query = new TraceQuery
        {
            ServiceName = service,
            SpanName = spanName,
            RemoteServiceName = remote,
            AnnotationQuery = TraceQuery.ParseAnnotationQuery(annotationQuery),
            MinDuration = minMicros is { } min ? TimeSpan.FromTicks(min * 10) : null,
            MaxDuration = maxMicros is { } max ? TimeSpan.FromTicks(max * 10) : null,
            Policy = policy,
            EndTs = ContractTraces.EndTs,
            Lookback = TimeSpan.FromMinutes(lookbackMinutes),
            Limit = limit,
        };

        var found = await store.FindTracesAsync(query);

        Assert.True(Names(found) == expected, $"{why}: expected [{expected}] but got [{Names(found)}]");
    }

    [Fact]
    public async Task Dependencies_count_calls_and_errors_of_the_range()
    {
        var links = await store.GetDependenciesAsync(ContractTraces.EndTs, Hour);

        Assert.Equal(
            ["cart>postgres 1/0", "checkout>payments 1/0", "frontend>cart 1/1"],
            links.Select(l => $"{l.Parent}>{l.Child} {l.CallCount}/{l.ErrorCount}"));
        Assert.Empty(await store.GetDependenciesAsync(ContractTraces.EndTs.AddHours(-1), TimeSpan.FromMinutes(30)));
    }

    private static string Names(IReadOnlyList<StoredTrace> traces) => string.Join(" ", traces.Select(t =>
        t.TraceId == ContractTraces.Errors ? "errors" : t.TraceId == ContractTraces.Checkout ? "checkout"
        : t.TraceId == ContractTraces.Home ? "home" : t.TraceId == ContractTraces.Old ? "old" : t.TraceId.ToString()));
}
