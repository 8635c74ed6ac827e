namespace StreamJobs.Cassandra.Protocol;

/// <summary>The &lt;metadata&gt; of a Rows or Prepared result: column specs and, for rows, the paging state.</summary>
internal sealed class RowsMetadata
{
    private const int GlobalTableSpec = 0x0001;
    private const int HasMorePages = 0x0002;
    private const int NoMetadata = 0x0004;

    private readonly Dictionary<string, int> _byName;

    private RowsMetadata(CqlColumn[] columns, byte[]? pagingState)
    {
        Columns = columns;
        PagingState = pagingState;
        _byName = new Dictionary<string, int>(columns.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var c in columns)
        {
            _byName.TryAdd(c.Name, c.Index);
        }
    }

    public static RowsMetadata Empty { get; } = new([], null);

    public CqlColumn[] Columns { get; }

    public byte[]? PagingState { get; }

    /// <summary>Reads rows metadata, or prepared-variables metadata (which has partition key indexes in v4).</summary>
    public static RowsMetadata Read(ref FrameReader r, ProtocolVersion version, bool preparedVariables)
    {
        int flags = r.ReadInt();
        int count = r.ReadInt();
        if (preparedVariables && version >= ProtocolVersion.V4)
        {
            int pkCount = r.ReadInt();
            r.Skip(pkCount * 2);
        }

        byte[]? paging = null;
        if ((flags & HasMorePages) != 0 && r.TryReadBytes(out var state))
        {
            paging = state.ToArray();
        }

        if ((flags & NoMetadata) != 0)
        {
            // Only sent when a request sets skip_metadata, which this client never does.
            throw new CqlProtocolViolationException("The server sent rows without metadata, which was not asked for.");
        }

        string ks = string.Empty, table = string.Empty;
        bool global = (flags & GlobalTableSpec) != 0;
        if (global)
        {
            ks = r.ReadString();
            table = r.ReadString();
        }

        var columns = new CqlColumn[count];
        for (int i = 0; i < count; i++)
        {
            if (!global)
            {
                ks = r.ReadString();
                table = r.ReadString();
            }

            string name = r.ReadString();
            columns[i] = new CqlColumn(i, ks, table, name, ColumnType.Read(ref r));
        }

        return new RowsMetadata(columns, paging);
    }

    public int IndexOf(string name) =>
        _byName.TryGetValue(name, out int index)
            ? index
            : throw new ArgumentException($"No column '{name}' in this result; columns are: {string.Join(", ", Columns.Select(c => c.Name))}.", nameof(name));
}
