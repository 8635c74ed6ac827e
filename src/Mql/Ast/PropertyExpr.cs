namespace StreamJobs.Mql.Ast;

/// <summary>
/// A property path. <see cref="Name"/> is the output column name (segments joined with dots, as Mantis does).
/// <see cref="IsDotted"/> marks the <c>a.b</c> form, which also tries the flat key <c>"a.b"</c> first.
/// </summary>
internal sealed record PropertyExpr(int Position, IReadOnlyList<PathSegment> Segments) : Expr(Position)
{
    public bool IsDotted => PathSegment.AllDotted(Segments.ToArray());

    public string Name => string.Join('.', Segments);

    public bool HasWildcard => Segments.Any(s => s.Kind == PathSegmentKind.AnyElement);
}
