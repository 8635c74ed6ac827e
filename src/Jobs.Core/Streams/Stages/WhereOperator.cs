namespace StreamJobs.Streams.Stages;

internal readonly struct WhereOperator<T>(Func<T, bool> predicate) : IRecordOperator<T, T>
{
    public bool Apply(T input, out T output)
    {
        output = input;
        return predicate(input);
    }
}
