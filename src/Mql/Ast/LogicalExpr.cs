namespace StreamJobs.Mql.Ast;

/// <summary><c>left AND right</c> or <c>left OR right</c>.</summary>
internal sealed record LogicalExpr(int Position, bool IsAnd, Expr Left, Expr Right) : Expr(Position);
