using StreamJobs.Streams;

namespace StreamJobs.FlowEnricher;

/// <summary>Adapts the stage's current <see cref="Emitter{T}"/> to the attributor's output seam (no copy, no allocation).</summary>
internal sealed class EmitterFlowSink : IEnrichedFlowSink
{
    public Emitter<EnrichedFlow>? Target { get; set; }

    public void Accept(in EnrichedFlow flow) => Target!.Emit(flow);
}
