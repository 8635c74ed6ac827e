namespace StreamJobs.SpanBuffer;

/// <summary>When a buffered trace is complete, and how much the buffer may hold.</summary>
public sealed class SpanBufferOptions
{
    /// <summary>A trace is complete once no span arrived for this long. Default 5 s; 1 ms .. <see cref="MaxTraceAge"/>.</summary>
    public TimeSpan QuietWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A trace is complete this long after its first span, even if spans still arrive. Default 30 s; up to 1 h.</summary>
    public TimeSpan MaxTraceAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most traces held at once; beyond it the oldest are decided early. Default 100,000; 1 .. 10,000,000.</summary>
    public int MaxTraces { get; set; } = 100_000;

    /// <summary>Most estimated span bytes held at once; beyond it the oldest traces are decided early. Default 256 MiB; at least 1 KiB.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most spans kept per trace; further spans are dropped and counted. Default 10,000; at least 1.</summary>
    public int MaxSpansPerTrace { get; set; } = 10_000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (MaxTraceAge <= TimeSpan.Zero || MaxTraceAge > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTraceAge), MaxTraceAge, $"{nameof(MaxTraceAge)} must be greater than 0 and at most 1 hour");
        }

        if (QuietWait < TimeSpan.FromMilliseconds(1) || QuietWait > MaxTraceAge)
        {
            throw new ArgumentOutOfRangeException(nameof(QuietWait), QuietWait, $"{nameof(QuietWait)} must be between 1 ms and {nameof(MaxTraceAge)} ({MaxTraceAge})");
        }

        if (MaxTraces is < 1 or > 10_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTraces), MaxTraces, $"{nameof(MaxTraces)} must be between 1 and 10,000,000");
        }

        if (MaxBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBytes), MaxBytes, $"{nameof(MaxBytes)} must be at least 1024");
        }

        if (MaxSpansPerTrace < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSpansPerTrace), MaxSpansPerTrace, $"{nameof(MaxSpansPerTrace)} must be at least 1");
        }
    }
}
