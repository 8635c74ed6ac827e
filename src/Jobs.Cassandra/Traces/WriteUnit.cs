namespace StreamJobs.Cassandra.Traces;

/// <summary>
/// One unlogged batch of a single partition and the traces it belongs to: <see cref="Trace"/> for span batches,
/// <see cref="Traces"/> for a lookup batch that holds rows of several traces.
/// </summary>
internal readonly record struct WriteUnit(BatchStatement Statement, int Trace, List<int>? Traces);
