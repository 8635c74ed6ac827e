namespace StreamJobs.Mql.Ast;

/// <summary>One selected column and its output name (the alias, or the property/aggregate name).</summary>
internal sealed record SelectItem(Expr Expression, string Name);
