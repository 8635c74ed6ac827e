namespace StreamJobs.Mql.Ast;

/// <summary>
/// An aggregate call such as <c>COUNT(*)</c>, <c>AVERAGE(latency)</c> or <c>P99(e['d'])</c>.
/// <see cref="Argument"/> is null for <c>*</c>; <see cref="Percentile"/> is in [0, 1] for Pnn.
/// <see cref="Name"/> is the canonical column name, also used to match HAVING/ORDER BY references.
/// </summary>
internal sealed record AggregateExpr(int Position, AggregateKind Kind, double Percentile, bool Distinct, PropertyExpr? Argument, string Name)
    : Expr(Position);
