namespace StreamJobs.Mql.Tests.Support;

/// <summary>A typed record shaped like the traces other packages will query.</summary>
public sealed record TestTrace(
    string TraceId,
    string Service,
    long DurationMicros,
    bool Error,
    TestKind Kind,
    TestResource? Resource,
    IReadOnlyList<TestSpan> Spans,
    IReadOnlyList<string> Hosts,
    Dictionary<string, string> Tags);
