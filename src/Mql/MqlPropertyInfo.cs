namespace StreamJobs.Mql;

/// <summary>One property of a record shape, as shown by a tap's "record shape" view.</summary>
/// <param name="Name">The property name used in queries.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Children">Properties of a nested object or of list items; empty otherwise.</param>
public sealed record MqlPropertyInfo(string Name, MqlPropertyKind Kind, IReadOnlyList<MqlPropertyInfo> Children)
{
    /// <summary>A short description such as <c>spans: list of {name: string, durationMicros: number}</c>.</summary>
    public override string ToString()
    {
        var kind = Kind.ToString().ToLowerInvariant();
        if (Children.Count == 0)
        {
            return $"{Name}: {kind}";
        }

        var inner = "{" + string.Join(", ", Children) + "}";
        return Kind == MqlPropertyKind.List ? $"{Name}: list of {inner}" : $"{Name}: {inner}";
    }
}
