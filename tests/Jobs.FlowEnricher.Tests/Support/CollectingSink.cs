namespace StreamJobs.FlowEnricher.Tests.Support;

/// <summary>Keeps every enriched flow it receives.</summary>
internal sealed class CollectingSink : IEnrichedFlowSink
{
    public List<EnrichedFlow> Items { get; } = [];

    public void Accept(in EnrichedFlow flow) => Items.Add(flow);
}
