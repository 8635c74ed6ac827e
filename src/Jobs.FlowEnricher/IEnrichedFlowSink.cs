namespace StreamJobs.FlowEnricher;

/// <summary>Receives enriched flows (a window aggregator, a buffer for the next stage, a test collector).</summary>
public interface IEnrichedFlowSink
{
    /// <summary>Takes one flow; called in emission order on the attributor's thread.</summary>
    void Accept(in EnrichedFlow flow);
}
