using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;

namespace StreamJobs.TraceStore.Tests.Storage;

public sealed class DependencyLinkerTests
{
    private static readonly TraceId Trace = new(1, 2);

    [Fact]
    public void A_shared_server_span_links_to_the_client_with_its_id()
    {
        var links = DependencyLinker.Link(
        [
            Span(1, null, "web", SpanKind.Server),
            Span(2, 1, "web", SpanKind.Client, remote: "api"),
            Span(2, 1, "API", SpanKind.Server, shared: true),
        ]);

        Assert.Equal([new DependencyLink("web", "api", 1, 0)], links);
    }

    [Fact]
    public void A_call_to_an_uninstrumented_service_is_linked_from_the_client_span()
    {
        var links = DependencyLinker.Link(
        [
            Span(1, null, "api", SpanKind.Server),
            Span(2, 1, "api", SpanKind.Client, remote: "postgres", error: true),
            Span(3, 1, "api", SpanKind.Client, remote: "postgres"),
        ]);

        Assert.Equal([new DependencyLink("api", "postgres", 2, 1)], links);
    }

    [Fact]
    public void Spans_of_one_service_make_no_link_and_links_of_traces_merge()
    {
        Assert.Empty(DependencyLinker.Link([Span(1, null, "api", SpanKind.Server), Span(2, 1, "api", SpanKind.Internal)]));

        var merged = DependencyLinker.Merge([new("b", "c", 1, 0), new("a", "b", 2, 1), new("b", "c", 3, 1)]);

        Assert.Equal([new DependencyLink("a", "b", 2, 1), new DependencyLink("b", "c", 4, 1)], merged);
    }

    private static Span Span(ulong id, ulong? parent, string service, SpanKind kind, string? remote = null, bool error = false, bool shared = false) => new()
    {
        TraceId = Trace,
        Id = new SpanId(id),
        ParentId = parent is { } p ? new SpanId(p) : null,
        ServiceName = service,
        Kind = kind,
        Shared = shared,
        RemoteEndpoint = remote is null ? null : new Endpoint(remote),
        Status = error ? SpanStatusCode.Error : SpanStatusCode.Unset,
        StartTimeUnixNanos = 1_700_000_000_000_000_000 + (long)id * 1000,
        DurationNanos = 1000,
    };
}
