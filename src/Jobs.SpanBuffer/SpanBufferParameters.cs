using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace StreamJobs.SpanBuffer;

/// <summary>
/// Parameters of <see cref="SpanBufferJob"/>, bound from <c>StreamJobs:Jobs:span-buffer</c>. They map one to one onto
/// <see cref="SpanBufferOptions"/>; the ranges are checked before the job starts, so a bad value names its key.
/// </summary>
public sealed class SpanBufferParameters : IValidatableObject
{
    /// <summary>A trace is complete once no span arrived for this long.</summary>
    [Description("A trace is complete once no span arrived for this long.")]
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan QuietWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A trace is complete this long after its first span, even if spans still arrive.</summary>
    [Description("A trace is complete this long after its first span, even if spans still arrive.")]
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MaxTraceAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most traces held at once; beyond it the oldest are decided early and counted.</summary>
    [Description("Most traces held at once; beyond it the oldest are decided early (counted).")]
    [Range(1, 10_000_000)]
    public int MaxTraces { get; set; } = 100_000;

    /// <summary>Most estimated span bytes held at once; beyond it the oldest traces are decided early.</summary>
    [Description("Most estimated span bytes held; beyond it the oldest traces are decided early (counted).")]
    [Range(1024L, long.MaxValue)]
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most spans kept per trace; further spans are dropped and counted.</summary>
    [Description("Most spans kept per trace; further spans are dropped (counted).")]
    [Range(1, int.MaxValue)]
    public int MaxSpansPerTrace { get; set; } = 10_000;

    /// <summary>How often due traces are looked for; the added latency is at most this.</summary>
    [Description("How often due traces are looked for; adds at most this much latency.")]
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many parallel shards buffer spans, by trace id; 0 (the default) runs one per core the process may use.</summary>
    [Description("Parallel shards of the buffer, split by trace id so a trace stays on one; 0 runs one per core the process may use. MaxTraces and MaxBytes are shared out between them.")]
    [Range(0, 256)]
    public int Shards { get; set; }

    /// <summary>The shards to run: <see cref="Shards"/>, or the cores the process may use (container-aware).</summary>
    public int EffectiveShards => Shards > 0 ? Shards : Environment.ProcessorCount;

    /// <summary>The options of one buffer when <paramref name="shards"/> share the bounds.</summary>
    public SpanBufferOptions ToOptions(int shards = 1) => new()
    {
        QuietWait = QuietWait,
        MaxTraceAge = MaxTraceAge,
        MaxTraces = Math.Max(1, (MaxTraces + shards - 1) / shards),
        MaxBytes = Math.Max(1024, MaxBytes / shards),
        MaxSpansPerTrace = MaxSpansPerTrace,
    };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (QuietWait > MaxTraceAge)
        {
            yield return new ValidationResult(
                $"QuietWait ({QuietWait}) must not be longer than MaxTraceAge ({MaxTraceAge}).",
                [nameof(QuietWait)]);
        }
    }
}
