namespace StreamJobs.Cassandra;

/// <summary>Describes one column of a result or one bind variable of a prepared statement.</summary>
public sealed class CqlColumn
{
    internal CqlColumn(int index, string keyspace, string table, string name, Protocol.ColumnType type)
    {
        Index = index;
        Keyspace = keyspace;
        Table = table;
        Name = name;
        ColumnType = type;
    }

    /// <summary>Position in the row (or bind marker position).</summary>
    public int Index { get; }

    /// <summary>Keyspace of the column's table.</summary>
    public string Keyspace { get; }

    /// <summary>Table the column belongs to.</summary>
    public string Table { get; }

    /// <summary>Column name (or bind marker name).</summary>
    public string Name { get; }

    /// <summary>The CQL type.</summary>
    public ColumnTypeCode TypeCode => ColumnType.Code;

    /// <summary>The CLR type values of this column decode to, e.g. <c>List&lt;string&gt;</c> for <c>list&lt;text&gt;</c>.</summary>
    public Type Type => ColumnType.ClrType;

    internal Protocol.ColumnType ColumnType { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} {ColumnType}";
}
