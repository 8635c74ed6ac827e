namespace StreamJobs.Mql.Aggregation;

/// <summary>Where a result column's value comes from.</summary>
internal enum ColumnKind
{
    Aggregate,
    GroupKey,
    FirstValue,
    Constant,
}
