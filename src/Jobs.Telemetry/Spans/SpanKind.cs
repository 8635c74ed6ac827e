namespace StreamJobs.Telemetry.Spans;

/// <summary>The role of a span in a call; values match OTLP's <c>SpanKind</c> numbering.</summary>
public enum SpanKind
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>Work inside one process.</summary>
    Internal = 1,

    /// <summary>Handling of an incoming request.</summary>
    Server = 2,

    /// <summary>An outgoing request.</summary>
    Client = 3,

    /// <summary>Sending a message to a broker.</summary>
    Producer = 4,

    /// <summary>Receiving a message from a broker.</summary>
    Consumer = 5,
}
