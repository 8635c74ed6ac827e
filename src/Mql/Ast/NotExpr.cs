namespace StreamJobs.Mql.Ast;

/// <summary><c>NOT operand</c>.</summary>
internal sealed record NotExpr(int Position, Expr Operand) : Expr(Position);
