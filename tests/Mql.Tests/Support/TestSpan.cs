namespace StreamJobs.Mql.Tests.Support;

public sealed record TestSpan(string Name, string Status, long DurationMicros, Dictionary<string, string> Tags);
