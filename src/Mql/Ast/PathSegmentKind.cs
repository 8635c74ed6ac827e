namespace StreamJobs.Mql.Ast;

/// <summary>How one step of a property path selects from its parent.</summary>
internal enum PathSegmentKind
{
    Key,
    Index,
    AnyElement,
}
