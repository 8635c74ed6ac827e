namespace StreamJobs.Streams;

/// <summary>
/// Fills <paramref name="buffer"/> with up to its length of records and returns how many it wrote; 0 ends the stream.
/// <paramref name="stopping"/> fires on a graceful shutdown: return 0 (or throw <see cref="OperationCanceledException"/>) soon after.
/// </summary>
public delegate ValueTask<int> BatchGenerator<T>(T[] buffer, CancellationToken stopping);
