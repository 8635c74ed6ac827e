namespace StreamJobs.Mql.Ast;

/// <summary><c>left op right</c> for the comparison and contains (<c>==+</c>) operators.</summary>
internal sealed record ComparisonExpr(int Position, Expr Left, ComparisonOperator Operator, Expr Right) : Expr(Position);
