namespace StreamJobs.Mql.Ast;

/// <summary>A parsed query. <see cref="Select"/> is empty for <c>SELECT *</c>.</summary>
internal sealed record QueryAst(
    IReadOnlyList<SelectItem> Select,
    string? Source,
    Expr? Where,
    MqlWindow? Window,
    IReadOnlyList<PropertyExpr> GroupBy,
    Expr? Having,
    IReadOnlyList<OrderKey> OrderBy,
    int? Limit,
    MqlSample? Sample)
{
    public bool SelectsAll => Select.Count == 0;

    public bool HasAggregates => Select.Any(s => s.Expression is AggregateExpr);

    public bool IsAggregating => HasAggregates || GroupBy.Count > 0;
}
