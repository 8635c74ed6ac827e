namespace StreamJobs.Mql.Tests.Support;

/// <summary>Builds test traces with sensible defaults so each test states only what it is about.</summary>
public static class TraceBuilder
{
    public static TestTrace Trace(
        string traceId = "t1",
        string service = "api",
        long durationMicros = 1000,
        bool error = false,
        TestKind kind = TestKind.Server,
        TestResource? resource = null,
        IReadOnlyList<TestSpan>? spans = null,
        IReadOnlyList<string>? hosts = null,
        Dictionary<string, string>? tags = null) =>
        new(traceId, service, durationMicros, error, kind, resource, spans ?? [], hosts ?? [], tags ?? []);

    public static TestSpan Span(string name, string status = "OK", long durationMicros = 100, Dictionary<string, string>? tags = null) =>
        new(name, status, durationMicros, tags ?? []);
}
