namespace StreamJobs.Streams;

/// <summary>A record a stage gave up on, with the reason.</summary>
/// <param name="Job">The job (graph) name.</param>
/// <param name="Stage">The stage that failed on the record.</param>
/// <param name="Record">The record itself.</param>
/// <param name="Error">What went wrong.</param>
/// <param name="Time">When it happened.</param>
public sealed record DeadLetter(string Job, string Stage, object? Record, Exception Error, DateTimeOffset Time);
