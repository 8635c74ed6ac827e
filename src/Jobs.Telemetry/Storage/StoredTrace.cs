using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Storage;

/// <summary>A trace as read back from a store.</summary>
/// <param name="TraceId">The trace id.</param>
/// <param name="Spans">Its spans, ordered by start time.</param>
/// <param name="Policy">The sampling policy that kept it, or null when none was recorded.</param>
public sealed record StoredTrace(TraceId TraceId, IReadOnlyList<Span> Spans, string? Policy)
{
    /// <summary>
    /// The tag under which the query API shows <see cref="Policy"/> on the root span, and which
    /// <see cref="TraceQuery.AnnotationQuery"/> can match like any other tag.
    /// </summary>
    public const string PolicyTag = "streamjobs.policy";

    /// <summary>The root span (no parent), else the earliest span.</summary>
    public Span Root
    {
        get
        {
            Span earliest = Spans[0];
            foreach (Span span in Spans)
            {
                if (span.ParentId is null)
                {
                    return span;
                }

                if (span.StartTimeUnixNanos < earliest.StartTimeUnixNanos)
                {
                    earliest = span;
                }
            }

            return earliest;
        }
    }
}
