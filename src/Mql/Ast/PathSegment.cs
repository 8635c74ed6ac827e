namespace StreamJobs.Mql.Ast;

/// <summary>
/// One step of a property path: <c>['key']</c>, <c>[3]</c> or <c>[*]</c>. <see cref="Dotted"/> marks a key
/// written as a bare name (<c>a</c> or <c>.a</c>), which may also be read as part of a dotted flat key.
/// </summary>
internal readonly record struct PathSegment(PathSegmentKind Kind, string Key = "", int Index = 0, bool Dotted = false)
{
    public static PathSegment ForKey(string key, bool dotted = false) => new(PathSegmentKind.Key, key, Dotted: dotted);

    /// <summary>True for two or more bare names in a row, such as <c>http.url</c>, that could form one flat key.</summary>
    public static bool AllDotted(ReadOnlySpan<PathSegment> path)
    {
        if (path.Length < 2)
        {
            return false;
        }

        foreach (var segment in path)
        {
            if (!segment.Dotted)
            {
                return false;
            }
        }

        return true;
    }

    public static PathSegment ForIndex(int index) => new(PathSegmentKind.Index, Index: index);

    public static PathSegment Any => new(PathSegmentKind.AnyElement);

    public override string ToString() => Kind switch
    {
        PathSegmentKind.Key => Key,
        PathSegmentKind.Index => Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "*",
    };
}
