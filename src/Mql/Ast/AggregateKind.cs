namespace StreamJobs.Mql.Ast;

/// <summary>The aggregate functions.</summary>
internal enum AggregateKind
{
    Count,
    Sum,
    Min,
    Max,
    Average,
    List,
    Percentile,
}
