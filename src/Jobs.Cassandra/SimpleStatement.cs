using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra;

/// <summary>
/// A CQL string sent as is (QUERY). Positional values are encoded from their CLR types (int → int, long → bigint, ...),
/// so they must match the column types exactly; prepared statements convert for you.
/// </summary>
public sealed class SimpleStatement : Statement
{
    /// <summary>Creates a statement with optional positional <c>?</c> values.</summary>
    public SimpleStatement(string cql, params object?[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cql);
        QueryString = cql;
        QueryValues = values ?? [];
    }

    /// <summary>The CQL text.</summary>
    public string QueryString { get; }

    /// <summary>The positional values.</summary>
    public IReadOnlyList<object?> QueryValues { get; }

    internal override Opcode Opcode => Opcode.Query;

    internal override string Describe() => QueryString;

    internal override void WriteBody(FrameWriter writer, in RequestOptions options)
    {
        writer.WriteLongString(QueryString);
        RequestEncoder.WriteQueryParameters(writer, options, QueryValues, null);
    }
}
