namespace StreamJobs.Mql.Ast;

/// <summary>One ORDER BY key.</summary>
internal sealed record OrderKey(Expr Expression, bool Descending);
