namespace StreamJobs.Mql.Ast;

/// <summary>
/// <c>a AND b AND …</c> or <c>a OR b OR …</c>: a whole chain in one node, at least two operands in source order,
/// so a chain of any length adds one level to the tree rather than one per term.
/// </summary>
internal sealed record LogicalExpr(int Position, bool IsAnd, IReadOnlyList<Expr> Operands) : Expr(Position);
