using System.Runtime.CompilerServices;
using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra;

/// <summary>
/// One row of a <see cref="RowSet"/>: a view into the page it came from (a struct, so reading rows allocates
/// nothing per row). Values decode on access.
/// </summary>
public readonly struct Row
{
    private readonly RowsPage _page;
    private readonly int _index;

    internal Row(RowsPage page, int index)
    {
        _page = page;
        _index = index;
    }

    /// <summary>Number of columns.</summary>
    public int Length => _page.ColumnCount;

    /// <summary>The columns of the result this row belongs to.</summary>
    public IReadOnlyList<CqlColumn> Columns => _page.Metadata.Columns;

    /// <summary>The value at <paramref name="index"/> in its natural CLR type (see <see cref="CqlColumn.Type"/>), or null.</summary>
    public object? this[int index] => _page.TryGetCell(_index, index, out var data)
        ? ValueCodec.Decode(_page.Metadata.Columns[index].ColumnType, data)
        : null;

    /// <summary>The value of column <paramref name="name"/> in its natural CLR type, or null.</summary>
    public object? this[string name] => this[_page.Metadata.IndexOf(name)];

    /// <summary>Whether the value of column <paramref name="name"/> is null.</summary>
    public bool IsNull(string name) => IsNull(_page.Metadata.IndexOf(name));

    /// <summary>Whether the value at <paramref name="index"/> is null.</summary>
    public bool IsNull(int index) => !_page.TryGetCell(_index, index, out _);

    /// <summary>Reads column <paramref name="name"/> (case-insensitive) as <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidCastException">The column's type does not read as <typeparamref name="T"/>, or it is null and T is a non-nullable value type.</exception>
    public T GetValue<T>(string name) => GetValue<T>(_page.Metadata.IndexOf(name));

    /// <summary>Reads the value at <paramref name="index"/> as <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidCastException">The column's type does not read as <typeparamref name="T"/>, or it is null and T is a non-nullable value type.</exception>
    public T GetValue<T>(int index)
    {
        var column = _page.Metadata.Columns[index];
        if (!_page.TryGetCell(_index, index, out var data))
        {
            return default(T) is null
                ? default!
                : throw new InvalidCastException($"Column '{column.Name}' is null; read it as {typeof(T).Name}? to accept nulls.");
        }

        // The typeof checks are constants per instantiation, so the JIT keeps only the matching branch: no boxing.
        var code = column.TypeCode;
        if (typeof(T) == typeof(int) && code == ColumnTypeCode.Int)
        {
            int v = ValueCodec.ReadInt(data);
            return Unsafe.As<int, T>(ref v);
        }

        if (typeof(T) == typeof(long) && code is ColumnTypeCode.Bigint or ColumnTypeCode.Counter)
        {
            long v = ValueCodec.ReadLong(data);
            return Unsafe.As<long, T>(ref v);
        }

        if (typeof(T) == typeof(double) && code == ColumnTypeCode.Double)
        {
            double v = ValueCodec.ReadDouble(data);
            return Unsafe.As<double, T>(ref v);
        }

        if (typeof(T) == typeof(bool) && code == ColumnTypeCode.Boolean)
        {
            bool v = ValueCodec.ReadBool(data);
            return Unsafe.As<bool, T>(ref v);
        }

        if (typeof(T) == typeof(Guid) && code is ColumnTypeCode.Uuid or ColumnTypeCode.Timeuuid)
        {
            Guid v = ValueCodec.ReadGuid(data);
            return Unsafe.As<Guid, T>(ref v);
        }

        if (typeof(T) == typeof(DateTimeOffset) && code == ColumnTypeCode.Timestamp)
        {
            DateTimeOffset v = ValueCodec.ReadTimestamp(data);
            return Unsafe.As<DateTimeOffset, T>(ref v);
        }

        object value = ValueCodec.Decode(column.ColumnType, data);
        if (value is T typed)
        {
            return typed;
        }

        if (typeof(T) == typeof(DateTime) && value is DateTimeOffset dto)
        {
            return (T)(object)dto.UtcDateTime;
        }

        throw new InvalidCastException(
            $"Column '{column.Name}' is {column.ColumnType} and reads as {column.Type.Name}, not {typeof(T).Name}.");
    }
}
