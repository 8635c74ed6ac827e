namespace StreamJobs.Streams.Stages;

internal sealed class SelectManyLogic<TIn, TOut>(Func<TIn, IEnumerable<TOut>> selector) : StageLogic<TIn, TOut>
{
    public override void OnRecord(TIn record, Emitter<TOut> output)
    {
        foreach (var item in selector(record)) output.Emit(item);
    }
}
