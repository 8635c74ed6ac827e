namespace StreamJobs.Mql.Ast;

/// <summary>An expression node; <see cref="Position"/> is its offset in the query text, for errors.</summary>
internal abstract record Expr(int Position);
