using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra;

/// <summary>A <see cref="PreparedStatement"/> with its values (EXECUTE).</summary>
public sealed class BoundStatement : Statement
{
    internal BoundStatement(PreparedStatement prepared, object?[] values)
    {
        PreparedStatement = prepared;
        Values = values;
    }

    /// <summary>The statement this was bound from.</summary>
    public PreparedStatement PreparedStatement { get; }

    /// <summary>The bound values, in bind-marker order.</summary>
    public IReadOnlyList<object?> Values { get; }

    internal override Opcode Opcode => Opcode.Execute;

    internal override string Describe() => PreparedStatement.Cql;

    internal override void WriteBody(FrameWriter writer, in RequestOptions options)
    {
        writer.WriteShortBytes(PreparedStatement.Id);
        RequestEncoder.WriteQueryParameters(writer, options, Values, PreparedStatement.Variables);
    }
}
