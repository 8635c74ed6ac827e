namespace StreamJobs.Telemetry.Ingest;

/// <summary>
/// What parsing one request body rejected, bounded whatever the body holds: records seen and rejected are counted, a
/// rejected record costs at most one kept error (the first <see cref="IngestLimits.MaxErrors"/>), and a body that cannot
/// be read as a whole is one <see cref="Fault"/>. Not thread-safe: one report per body.
/// </summary>
/// <typeparam name="TError">How an error is described (e.g. <see cref="SpanParseError"/>).</typeparam>
public sealed class ParseReport<TError>
{
    private readonly List<TError> _errors = [];
    private int _records;
    private int _rejected;

    /// <summary>Creates an empty report bounded by <paramref name="limits"/> (<see cref="IngestLimits.Default"/> when null).</summary>
    public ParseReport(IngestLimits? limits = null)
    {
        Limits = limits ?? IngestLimits.Default;
    }

    /// <summary>The bounds this parse runs under.</summary>
    public IngestLimits Limits { get; }

    /// <summary>Records seen so far (accepted plus rejected).</summary>
    public int Records => _records;

    /// <summary>Records rejected: each counts once however many of its fields were bad.</summary>
    public int Rejected => _rejected;

    /// <summary>The errors kept: at most one per rejected record, at most <see cref="IngestLimits.MaxErrors"/>.</summary>
    public IReadOnlyList<TError> Errors => _errors;

    /// <summary>Rejected records whose error was counted but not kept.</summary>
    public int ErrorsOmitted => _rejected - _errors.Count;

    /// <summary>Why the body as a whole could not be read, or <see cref="BodyFault.None"/>.</summary>
    public BodyFault Fault { get; private set; }

    /// <summary>What is wrong with the body as a whole (with where, when known); null without a fault.</summary>
    public TError? FaultError { get; private set; }

    /// <summary>
    /// Counts one more record; false (and a <see cref="BodyFault.TooManyRecords"/> fault built by
    /// <paramref name="tooMany"/>) when that passes <see cref="IngestLimits.MaxRecords"/>: the parser stops there.
    /// </summary>
    public bool TryCountRecord(Func<int, TError> tooMany)
    {
        ArgumentNullException.ThrowIfNull(tooMany);
        if (_records >= Limits.MaxRecords)
        {
            Fail(BodyFault.TooManyRecords, tooMany(Limits.MaxRecords));
            return false;
        }

        _records++;
        return true;
    }

    /// <summary>Rejects one counted record with <paramref name="error"/> (kept while under the cap).</summary>
    public void Reject(TError error)
    {
        _rejected++;
        if (_errors.Count < Limits.MaxErrors)
        {
            _errors.Add(error);
        }
    }

    /// <summary>Adds the kept errors, then the body's fault (if any), to <paramref name="errors"/>.</summary>
    public void CopyTo(ICollection<TError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in _errors)
        {
            errors.Add(error);
        }

        if (Fault != BodyFault.None)
        {
            errors.Add(FaultError!);
        }
    }

    /// <summary>Records that the body as a whole is unusable; the first fault wins.</summary>
    public void Fail(BodyFault fault, TError error)
    {
        if (fault == BodyFault.None || Fault != BodyFault.None)
        {
            return;
        }

        Fault = fault;
        FaultError = error;
    }
}
