using StreamJobs.Mql.Addresses;

namespace StreamJobs.Mql.Ast;

/// <summary><c>left IN 'cidr'</c>; the block was parsed and checked by the parser.</summary>
internal sealed record CidrExpr(int Position, Expr Left, IpBlock Block) : Expr(Position);
