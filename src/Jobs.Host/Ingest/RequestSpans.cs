using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// The list one request's spans are parsed into, reused by the next request on the same thread: the queue copies the
/// spans out when they are offered, so the list is done with before the request first awaits, and a fresh list grown
/// to a hundred spans per request was a few percent of all ingest allocation. Returned lists are cleared, so they keep
/// no span alive; a list grown past <see cref="MaxKeptCapacity"/> by a huge request is let go.
/// </summary>
internal static class RequestSpans
{
    public const int MaxKeptCapacity = 16 * 1024;

    [ThreadStatic]
    private static List<Span>? t_spans;

    public static List<Span> Rent()
    {
        var spans = t_spans ?? new List<Span>(128);
        t_spans = null; // a nested request on this thread (none today) would get its own
        return spans;
    }

    public static void Return(List<Span> spans)
    {
        if (spans.Capacity > MaxKeptCapacity) return;
        spans.Clear();
        t_spans = spans;
    }
}
