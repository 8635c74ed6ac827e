using StreamJobs.Telemetry.Ingest;

namespace StreamJobs.Host.Flows;

/// <summary>What a flow or ownership answer reports: records rejected, the errors kept (bounded) and the body's fault.</summary>
/// <param name="Rejected">Records rejected (each once, however many fields were bad).</param>
/// <param name="Errors">The first rejected records' errors, at most the configured cap.</param>
/// <param name="ErrorsOmitted">Rejected records not described.</param>
/// <param name="Fault">Why the body as a whole could not (all) be read, if so.</param>
internal sealed record IngestAnswer(int Rejected, IReadOnlyList<IngestError> Errors, int ErrorsOmitted, IngestError? Fault)
{
    /// <summary>Whether anything was wrong (a 400 even when good records were taken).</summary>
    public bool HasProblems => Rejected > 0 || Fault is not null;

    public static IngestAnswer From<TError>(ParseReport<TError> report, Func<TError, IngestError> convert)
    {
        var errors = new IngestError[report.Errors.Count];
        for (var i = 0; i < errors.Length; i++) errors[i] = convert(report.Errors[i]);
        IngestError? fault = report.Fault == BodyFault.None ? null : convert(report.FaultError!);
        return new IngestAnswer(report.Rejected, errors, report.ErrorsOmitted, fault);
    }

    /// <summary>An answer about the request as a whole.</summary>
    public static IngestAnswer Body(string message) => new(0, [], 0, new IngestError(-1, null, message));

    /// <summary>The same errors for an answer that took nothing (429, 503): nothing counts as rejected.</summary>
    public IngestAnswer WithoutCounts() => this with { Rejected = 0 };

    /// <summary>An answer that took nothing, with <paramref name="message"/> as the body's fault.</summary>
    public IngestAnswer WithoutCounts(string message) => new(0, [], 0, new IngestError(-1, null, message));
}
