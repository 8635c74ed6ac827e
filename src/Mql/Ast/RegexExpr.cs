using System.Text.RegularExpressions;

namespace StreamJobs.Mql.Ast;

/// <summary><c>left ==~ /pattern/</c>; the pattern was validated by the parser.</summary>
internal sealed record RegexExpr(int Position, Expr Left, string Pattern, RegexOptions Options) : Expr(Position);
