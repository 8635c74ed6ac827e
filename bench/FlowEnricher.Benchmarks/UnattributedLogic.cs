using StreamJobs.Streams;

namespace StreamJobs.FlowEnricher.Benchmarks;

/// <summary>
/// The engine path's floor: in the enricher's place, a stage that emits every flow with both ends unknown and ignores
/// ownership events. What the engine path costs beyond it is the attribution itself.
/// </summary>
internal sealed class UnattributedLogic : StageLogic<FlowEnricherInput, EnrichedFlow>
{
    public override void OnRecord(FlowEnricherInput record, Emitter<EnrichedFlow> output) => Take(in record, output);

    public override void OnRecords(ref RecordCursor<FlowEnricherInput> records, Emitter<EnrichedFlow> output)
    {
        while (records.MoveNext())
        {
            Take(in records.Current, output);
        }
    }

    private static void Take(in FlowEnricherInput record, Emitter<EnrichedFlow> output)
    {
        if (record.IsFlow)
        {
            output.Emit(new EnrichedFlow(record.Flow, null, null, AttributionSource.Unknown, AttributionSource.Unknown, false));
        }
    }
}
