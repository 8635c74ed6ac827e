using StreamJobs.Mql.Ast;
using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Aggregation;

/// <summary>
/// One column of a result row. Hidden columns carry values HAVING or ORDER BY need but SELECT does not show.
/// <see cref="Index"/> is the aggregate slot or group key index; <see cref="Value"/> reads first values or constants.
/// </summary>
internal sealed record ColumnPlan<T>(string Name, bool Visible, ColumnKind Kind, int Index, ValueNode<T>? Value, AggregateExpr? Aggregate);
