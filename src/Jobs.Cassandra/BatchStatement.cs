using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra;

/// <summary>Several simple or bound statements sent as one BATCH; use <see cref="BatchType.Unlogged"/> for bulk writes.</summary>
public sealed class BatchStatement : Statement
{
    private readonly List<Statement> _statements = [];

    /// <summary>The kind of batch (default <see cref="BatchType.Logged"/>, as in the DataStax driver).</summary>
    public BatchType BatchType { get; private set; } = BatchType.Logged;

    /// <summary>The statements, in order.</summary>
    public IReadOnlyList<Statement> Statements => _statements;

    internal override Opcode Opcode => Opcode.Batch;

    /// <summary>Sets the batch type.</summary>
    public BatchStatement SetBatchType(BatchType batchType)
    {
        BatchType = batchType;
        return this;
    }

    /// <summary>Adds a <see cref="SimpleStatement"/> or <see cref="BoundStatement"/>.</summary>
    /// <exception cref="ArgumentException">Another kind of statement, or more than 65535 statements.</exception>
    public BatchStatement Add(Statement statement)
    {
        if (statement is not (SimpleStatement or BoundStatement))
        {
            throw new ArgumentException("A batch holds simple and bound statements only.", nameof(statement));
        }

        if (_statements.Count == ushort.MaxValue)
        {
            throw new ArgumentException("A batch holds at most 65535 statements.", nameof(statement));
        }

        _statements.Add(statement);
        return this;
    }

    internal override string Describe() => $"BATCH of {_statements.Count} ({BatchType})";

    internal override void WriteBody(FrameWriter writer, in RequestOptions options)
    {
        writer.WriteByte((byte)BatchType);
        writer.WriteUShort((ushort)_statements.Count);
        foreach (var statement in _statements)
        {
            if (statement is BoundStatement bound)
            {
                writer.WriteByte(1);
                writer.WriteShortBytes(bound.PreparedStatement.Id);
                RequestEncoder.WriteValues(writer, bound.Values, bound.PreparedStatement.Variables);
            }
            else
            {
                var simple = (SimpleStatement)statement;
                writer.WriteByte(0);
                writer.WriteLongString(simple.QueryString);
                RequestEncoder.WriteValues(writer, simple.QueryValues, null);
            }
        }

        writer.WriteShort((short)options.Consistency);
        writer.WriteByte(0);
    }
}
