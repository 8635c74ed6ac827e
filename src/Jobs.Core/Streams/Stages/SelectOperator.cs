namespace StreamJobs.Streams.Stages;

internal readonly struct SelectOperator<TIn, TOut>(Func<TIn, TOut> selector) : IRecordOperator<TIn, TOut>
{
    public bool Apply(TIn input, out TOut output)
    {
        output = selector(input);
        return true;
    }
}
