namespace StreamJobs.Streams;

/// <summary>What a stage does when processing one record throws.</summary>
public enum Directive
{
    /// <summary>Fail the stage, and with it the whole graph, with the exception.</summary>
    Stop,

    /// <summary>Dead-letter the record and go on with the next one; stage state is kept.</summary>
    Resume,

    /// <summary>Dead-letter the record, reset the stage's state, wait a backoff, then go on.</summary>
    Restart,
}
