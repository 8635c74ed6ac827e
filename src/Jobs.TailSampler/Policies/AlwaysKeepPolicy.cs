using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler.Policies;

/// <summary>
/// Matches traces containing a listed request (any span whose service and operation match a pattern pair),
/// and optionally traces flagged debug or sampled upstream.
/// </summary>
internal sealed class AlwaysKeepPolicy(string name, IReadOnlyList<(WildcardPattern Service, WildcardPattern Operation)> requests, bool keepDebug, bool keepSampled) : ITracePolicy
{
    public string Name { get; } = name;

    public bool Matches(Trace trace)
    {
        if ((keepDebug && trace.IsDebug) || (keepSampled && trace.IsSampled == true))
        {
            return true;
        }

        IReadOnlyList<Span> spans = trace.Spans;
        for (int r = 0; r < requests.Count; r++)
        {
            (WildcardPattern service, WildcardPattern operation) = requests[r];
            for (int i = 0; i < spans.Count; i++)
            {
                if (service.IsMatch(spans[i].ServiceName) && operation.IsMatch(spans[i].Name))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
