namespace StreamJobs.Host.Flows;

/// <summary>One rejected record of an ingest request, as answered to the client.</summary>
/// <param name="Index">Position of the record in the posted array (-1 for the request as a whole).</param>
/// <param name="Field">The offending field, when one is to blame.</param>
/// <param name="Message">What is wrong.</param>
internal readonly record struct IngestError(int Index, string? Field, string Message);
