namespace StreamJobs.Mql.Ast;

/// <summary>One step of a property path: <c>['key']</c>, <c>[3]</c> or <c>[*]</c>.</summary>
internal readonly record struct PathSegment(PathSegmentKind Kind, string Key = "", int Index = 0)
{
    public static PathSegment ForKey(string key) => new(PathSegmentKind.Key, key);

    public static PathSegment ForIndex(int index) => new(PathSegmentKind.Index, Index: index);

    public static PathSegment Any => new(PathSegmentKind.AnyElement);

    public override string ToString() => Kind switch
    {
        PathSegmentKind.Key => Key,
        PathSegmentKind.Index => Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "*",
    };
}
