namespace MyJob;

/// <summary>The record the job handles.</summary>
public sealed record Reading(string Source, DateTimeOffset At, double Value);
