namespace StreamJobs.Cassandra.Traces;

/// <summary>Where and how traces are stored; the defaults suit a single test node and a week of traces.</summary>
public sealed class TraceStoreOptions
{
    /// <summary>Keyspace of the two tables; created if missing.</summary>
    public string Keyspace { get; set; } = "streamjobs";

    /// <summary>
    /// The replication map used when the keyspace has to be created (an existing keyspace is left as it is).
    /// </summary>
    public string Replication { get; set; } = "{'class': 'SimpleStrategy', 'replication_factor': 1}";

    /// <summary>How long rows live; null or zero keeps them forever. Applied as the tables' default TTL and on every insert.</summary>
    public TimeSpan? TimeToLive { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Width of a <c>traces_by_service</c> partition (and of a compaction window): one service's traces of one bucket
    /// live together, so a time-range lookup reads one partition per bucket. Whole minutes, at least one.
    /// </summary>
    public TimeSpan BucketSize { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Statements (span batches and lookup batches) in flight at once; the sink waits beyond that.</summary>
    public int MaxConcurrentWrites { get; set; } = 64;

    /// <summary>Span inserts per unlogged batch; a larger trace is written as several batches of the same partition.</summary>
    public int MaxSpansPerBatch { get; set; } = 100;

    /// <summary>First pause of the store's own retry loop, after the client's retries gave up (server down).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest pause of the store's retry loop; it retries until the write succeeds or the job stops.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A search whose conditions the lookup table cannot answer alone (span name, duration, tags) tests at most this
    /// many candidate traces, newest first, then returns what it found.
    /// </summary>
    public int MaxScannedTraces { get; set; } = 10_000;

    /// <summary>Consistency of writes and reads, or null for the cluster default.</summary>
    public ConsistencyLevel? Consistency { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Keyspace) || !IsIdentifier(Keyspace))
        {
            throw new ArgumentException($"Keyspace '{Keyspace}' must be a CQL identifier (letters, digits, underscores; 1-48 characters, starting with a letter).", nameof(Keyspace));
        }

        if (string.IsNullOrWhiteSpace(Replication) || !Replication.TrimStart().StartsWith('{'))
        {
            throw new ArgumentException("Replication must be a CQL map such as {'class': 'SimpleStrategy', 'replication_factor': 1}.", nameof(Replication));
        }

        if (TimeToLive is { } ttl && (ttl < TimeSpan.Zero || ttl.TotalSeconds > 630_720_000))
        {
            throw new ArgumentException($"TimeToLive {ttl} must be between zero and 20 years (Cassandra's limit).", nameof(TimeToLive));
        }

        if (BucketSize < TimeSpan.FromMinutes(1) || BucketSize.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentException($"BucketSize {BucketSize} must be a whole number of minutes, at least one.", nameof(BucketSize));
        }

        if (MaxConcurrentWrites < 1)
        {
            throw new ArgumentException($"MaxConcurrentWrites {MaxConcurrentWrites} must be at least 1.", nameof(MaxConcurrentWrites));
        }

        if (MaxSpansPerBatch is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentException($"MaxSpansPerBatch {MaxSpansPerBatch} must be between 1 and 65535.", nameof(MaxSpansPerBatch));
        }

        if (MaxScannedTraces < 1)
        {
            throw new ArgumentException($"MaxScannedTraces {MaxScannedTraces} must be at least 1.", nameof(MaxScannedTraces));
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            throw new ArgumentException($"RetryBaseDelay {RetryBaseDelay} must be positive and at most RetryMaxDelay {RetryMaxDelay}.", nameof(RetryBaseDelay));
        }
    }

    /// <summary>The TTL in whole seconds, or 0 for none.</summary>
    internal int TimeToLiveSeconds => TimeToLive is { } t && t > TimeSpan.Zero ? (int)Math.Ceiling(t.TotalSeconds) : 0;

    private static bool IsIdentifier(string name)
    {
        if (name.Length > 48 || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
