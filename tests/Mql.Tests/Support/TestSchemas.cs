namespace StreamJobs.Mql.Tests.Support;

/// <summary>Schemas for the typed test records, declared the way other packages will declare theirs.</summary>
public static class TestSchemas
{
    public static MqlSchema<TestSpan> Span { get; } = MqlSchema<TestSpan>.Build(b => b
        .Property("name", s => s.Name)
        .Property("status", s => s.Status)
        .Property("durationMicros", s => s.DurationMicros)
        .Map("tags", s => s.Tags));

    public static MqlSchema<TestResource> Resource { get; } = MqlSchema<TestResource>.Build(b => b
        .Property("region", r => r.Region)
        .Property("replicas", r => r.Replicas)
        .Property("load", r => r.Load));

    public static MqlSchema<TestTrace> Trace { get; } = MqlSchema<TestTrace>.Build(b => b
        .Property("traceId", t => t.TraceId)
        .Property("service", t => t.Service)
        .Property("durationMicros", t => t.DurationMicros)
        .Property("error", t => t.Error)
        .Enum("kind", t => t.Kind)
        .Object("resource", t => t.Resource, Resource)
        .List("spans", t => t.Spans, Span)
        .List("hosts", t => t.Hosts)
        .Map("tags", t => t.Tags));
}
