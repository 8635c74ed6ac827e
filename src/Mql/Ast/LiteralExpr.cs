namespace StreamJobs.Mql.Ast;

/// <summary>A literal; <see cref="Text"/> is its source text, used as its column name in SELECT.</summary>
internal sealed record LiteralExpr(int Position, MqlValue Value, string Text) : Expr(Position);
