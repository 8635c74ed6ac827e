namespace StreamJobs.Host.Taps;

/// <summary>A query bound to one named stream, whatever its record type.</summary>
internal interface ITapSession
{
    /// <summary>Properties the query reads that the record shape does not have (they read as null).</summary>
    IReadOnlyList<string> UnknownProperties { get; }

    /// <summary>
    /// Streams results into <paramref name="output"/> until LIMIT, the end of the stream, the duration, the host
    /// <paramref name="stopping"/> (a last <c>$meta</c> says so), or the client leaving (<paramref name="requestAborted"/>).
    /// </summary>
    Task RunAsync(TapOutput output, TapRunSettings settings, CancellationToken requestAborted, CancellationToken stopping = default);
}
