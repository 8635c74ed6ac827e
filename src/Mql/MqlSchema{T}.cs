using System.Text.Json;
using StreamJobs.Mql.Ast;
using StreamJobs.Mql.Evaluation;
using StreamJobs.Mql.Schema;

namespace StreamJobs.Mql;

/// <summary>
/// How queries read records of type <typeparamref name="T"/>: property paths are resolved against the
/// schema once, at compile time, into getters, so evaluating a record involves no reflection or lookup by
/// name. Use <see cref="Build"/> for typed records and <see cref="MqlSchema.Json"/> for <see cref="JsonElement"/>.
/// Unknown properties read as null (Mantis semantics).
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public abstract class MqlSchema<T>
{
    private protected MqlSchema()
    {
    }

    /// <summary>The declared properties in declaration order; empty for dynamic (JSON) schemas.</summary>
    public abstract IReadOnlyList<MqlPropertyInfo> Properties { get; }

    /// <summary>True when properties are discovered per record (JSON) rather than declared.</summary>
    public abstract bool IsDynamic { get; }

    /// <summary>Writes the whole record as a JSON object (what <c>SELECT *</c> emits).</summary>
    public abstract void WriteRecord(Utf8JsonWriter writer, in T record);

    /// <summary>Declares a typed record's properties, e.g.
    /// <c>MqlSchema&lt;Span&gt;.Build(b =&gt; b.Property("traceId", s =&gt; s.TraceId).Map("tags", s =&gt; s.Tags))</c>.</summary>
    public static MqlSchema<T> Build(Action<MqlSchemaBuilder<T>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new MqlSchemaBuilder<T>();
        configure(builder);
        return new TypedSchema<T>(builder.Definitions);
    }

    /// <summary>Compiles a path; an empty path means the record itself. Unknown names are added to <paramref name="unknown"/>.</summary>
    internal abstract ValueNode<T> CompilePath(ReadOnlySpan<PathSegment> path, bool dotted, ICollection<string> unknown);
}
