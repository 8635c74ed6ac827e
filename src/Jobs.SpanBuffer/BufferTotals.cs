namespace StreamJobs.SpanBuffer;

/// <summary>A snapshot of a <see cref="TraceBuffer"/>'s counters, so a stage can report deltas.</summary>
internal readonly record struct BufferTotals(
    long SpansIn, long Rejected, long Capped, long Quiet, long MaxAge, long Early, long Drained, long HeldTraces, long HeldBytes, long HandedOff)
{
    public static BufferTotals Of(TraceBuffer buffer) => new(
        buffer.SpansIn, buffer.SpansRejected, buffer.SpansDroppedByCap, buffer.TracesEmittedQuiet, buffer.TracesEmittedMaxAge,
        buffer.TracesEmittedEarly, buffer.TracesDrained, buffer.CurrentTraces, buffer.CurrentBytes, buffer.SpansHandedOff);
}
