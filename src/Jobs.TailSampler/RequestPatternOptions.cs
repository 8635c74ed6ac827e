namespace StreamJobs.TailSampler;

/// <summary>A request to always keep: a span whose service and operation both match (<c>*</c> matches any text, case ignored).</summary>
public sealed class RequestPatternOptions
{
    /// <summary>Service name pattern, e.g. <c>payments</c> or <c>pay*</c>. Default <c>*</c>.</summary>
    public string Service { get; set; } = "*";

    /// <summary>Operation (span name) pattern, e.g. <c>POST /charge</c> or <c>* /admin/*</c>. Default <c>*</c>.</summary>
    public string Operation { get; set; } = "*";
}
