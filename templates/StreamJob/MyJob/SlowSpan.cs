namespace MyJob;

/// <summary>What the job publishes for each slow span.</summary>
public sealed record SlowSpan(string Service, string Operation, string TraceId, double DurationMs);
