using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Synthetic;

/// <summary>
/// Produces realistic spans for a small shop: <c>edge → api → {users, orders → {payments, inventory}}</c>,
/// with log-normal latencies and, at configurable rates, errors, a retried payment call, warnings,
/// slow payments, B3 debug and upstream-sampled requests, so every sampling policy has something to do.
/// Deterministic for a given seed. Not thread-safe.
/// </summary>
public sealed class SyntheticTraceGenerator
{
    private readonly Random _random;
    private readonly SyntheticTrafficOptions _options;
    private TraceShape _shape;

    /// <summary>Creates a generator.</summary>
    public SyntheticTraceGenerator(SyntheticTrafficOptions? options = null)
    {
        _options = options ?? new SyntheticTrafficOptions();
        _options.Validate();
        _random = new Random(_options.Seed);
    }

    /// <summary>Creates a generator with default rates and the given seed.</summary>
    public SyntheticTraceGenerator(int seed)
        : this(new SyntheticTrafficOptions { Seed = seed })
    {
    }

    /// <summary>Traces generated so far.</summary>
    public long TracesGenerated { get; private set; }

    /// <summary>
    /// Appends the spans of <paramref name="traceCount"/> new traces to <paramref name="output"/>.
    /// Each trace ends at or just before <paramref name="now"/>. Returns the number of spans added.
    /// </summary>
    public int Generate(int traceCount, DateTimeOffset now, ICollection<Span> output)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(traceCount);
        ArgumentNullException.ThrowIfNull(output);
        int before = output.Count;
        long nowNanos = (now - DateTimeOffset.UnixEpoch).Ticks * 100;
        for (int i = 0; i < traceCount; i++)
        {
            GenerateTrace(nowNanos, output);
        }

        return output.Count - before;
    }

    private void GenerateTrace(long nowNanos, ICollection<Span> output)
    {
        _shape = new TraceShape(
            new TraceId(NextId(), NextId()),
            Chance(_options.ErrorRate),
            Chance(_options.RetryRate),
            Chance(_options.WarningRate),
            Chance(_options.DebugRate),
            Chance(_options.HeadSampledRate),
            Chance(_options.SlowRate));
        TracesGenerated++;

        // Lay the trace out from a nominal start, then shift it so it ends at "now".
        var spans = new List<Span>(16);
        double pick = _random.NextDouble();
        string operation = pick < 0.6 ? "GET /checkout" : pick < 0.9 ? "GET /catalog" : "GET /health";
        SpanId rootId = new(NextId());
        long t0 = 0;
        long end = t0 + Millis(1);
        if (operation != "GET /health")
        {
            end = Call(spans, "edge", "api", operation, rootId, end, median: 5, (list, parent, start) => Api(list, operation, parent, start));
        }

        spans.Add(MakeSpan(rootId, null, "edge", operation, SpanKind.Server, t0, end + Millis(0.5), null));
        long shift = nowNanos - (end + Millis(0.5)) - (long)(_random.NextDouble() * 1_000_000);
        foreach (Span s in spans)
        {
            output.Add(Shift(s, shift));
        }
    }

    private long Api(List<Span> spans, string operation, SpanId parent, long start)
    {
        long t = Call(spans, "api", "users", "GET /users/{id}", parent, start + Millis(0.3), median: 8, null);
        if (operation == "GET /checkout")
        {
            t = Call(spans, "api", "orders", "POST /orders", parent, t, median: 12, Orders);
        }
        else
        {
            t = Call(spans, "api", "inventory", "GET /stock", parent, t, median: 10, null);
        }

        return t + Millis(0.2);
    }

    private long Orders(List<Span> spans, SpanId parent, long start)
    {
        long t = start + Millis(0.5);
        double paymentMedian = _shape.Slow ? 800 : 40;
        if (_shape.Retry)
        {
            // First attempt is throttled; the second carries retry.count so the retry is visible.
            t = Call(spans, "orders", "payments", "POST /charge", parent, t, paymentMedian / 4, null, status: 429, annotation: "retrying after 429");
        }

        t = Call(spans, "orders", "payments", "POST /charge", parent, t, paymentMedian, null, status: _shape.Error ? 503 : 200, retryCount: _shape.Retry ? 1 : 0);
        t = Call(spans, "orders", "inventory", "POST /reserve", parent, t, median: 10, null, warning: _shape.Warning);
        return t;
    }

    private long Call(
        List<Span> spans,
        string caller,
        string callee,
        string operation,
        SpanId parent,
        long start,
        double median,
        Func<List<Span>, SpanId, long, long>? inner,
        int status = 200,
        int retryCount = 0,
        string? annotation = null,
        bool warning = false)
    {
        SpanId clientId = new(NextId());
        SpanId serverId = new(NextId());
        long serverStart = start + Millis(0.2);
        long serverEnd = serverStart + Millis(LogNormal(median));
        if (inner is not null)
        {
            serverEnd = Math.Max(serverEnd, inner(spans, serverId, serverStart));
        }

        long clientEnd = serverEnd + Millis(0.2);
        var serverTags = new List<SpanAttribute> { new("http.method", operation[..operation.IndexOf(' ')]), new("http.path", operation[(operation.IndexOf(' ') + 1)..]), new("http.status_code", status.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (status >= 500)
        {
            serverTags.Add(new SpanAttribute("error", $"{callee} unavailable"));
        }

        if (warning)
        {
            serverTags.Add(new SpanAttribute("warning", "low stock"));
        }

        var clientTags = new List<SpanAttribute> { new("http.status_code", status.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (retryCount > 0)
        {
            clientTags.Add(new SpanAttribute("retry.count", retryCount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        IReadOnlyList<SpanEvent> events = annotation is null ? [] : [new SpanEvent(clientEnd, annotation)];
        spans.Add(MakeSpan(serverId, clientId, callee, operation, SpanKind.Server, serverStart, serverEnd, serverTags));
        spans.Add(MakeSpan(clientId, parent, caller, operation, SpanKind.Client, start, clientEnd, clientTags, events, callee));
        return clientEnd;
    }

    private Span MakeSpan(SpanId id, SpanId? parent, string service, string name, SpanKind kind, long start, long end, IReadOnlyList<SpanAttribute>? tags, IReadOnlyList<SpanEvent>? events = null, string? remote = null) => new()
    {
        TraceId = _shape.TraceId,
        Id = id,
        ParentId = parent,
        Name = name,
        Kind = kind,
        ServiceName = service,
        LocalEndpoint = new Endpoint(service, "10.0.0." + (1 + (service.Length * 7 % 200)), null, 8080),
        RemoteEndpoint = remote is null ? null : new Endpoint(remote),
        StartTimeUnixNanos = start,
        DurationNanos = end - start,
        Attributes = tags ?? [],
        Events = events ?? [],
        Debug = _shape.Debug,
        Sampled = _shape.Debug || _shape.HeadSampled ? true : null,
    };

    private static Span Shift(Span s, long shift) => new()
    {
        TraceId = s.TraceId,
        Id = s.Id,
        ParentId = s.ParentId,
        Name = s.Name,
        Kind = s.Kind,
        ServiceName = s.ServiceName,
        LocalEndpoint = s.LocalEndpoint,
        RemoteEndpoint = s.RemoteEndpoint,
        StartTimeUnixNanos = s.StartTimeUnixNanos + shift,
        DurationNanos = s.DurationNanos,
        Attributes = s.Attributes,
        Events = ShiftEvents(s.Events, shift),
        Debug = s.Debug,
        Sampled = s.Sampled,
    };

    private static IReadOnlyList<SpanEvent> ShiftEvents(IReadOnlyList<SpanEvent> events, long shift)
    {
        if (events.Count == 0)
        {
            return events;
        }

        var shifted = new SpanEvent[events.Count];
        for (int i = 0; i < shifted.Length; i++)
        {
            shifted[i] = events[i] with { TimeUnixNanos = events[i].TimeUnixNanos + shift };
        }

        return shifted;
    }

    // Log-normal with the given median and sigma 0.5: mostly near the median, with a long right tail.
    private double LogNormal(double medianMillis)
    {
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        double normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return medianMillis * Math.Exp(0.5 * normal);
    }

    private static long Millis(double ms) => (long)(ms * 1_000_000);

    private bool Chance(double rate) => _random.NextDouble() < rate;

    private ulong NextId()
    {
        ulong id;
        do
        {
            id = (ulong)_random.NextInt64() ^ ((ulong)_random.Next() << 63);
        }
        while (id == 0);
        return id;
    }

    private readonly record struct TraceShape(TraceId TraceId, bool Error, bool Retry, bool Warning, bool Debug, bool HeadSampled, bool Slow);
}
