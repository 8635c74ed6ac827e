namespace StreamJobs.Cassandra.Protocol;

/// <summary>
/// One page of rows: the response body plus an index of (start, length) per cell, so rows are views into the body
/// and reading a page allocates two arrays, not one object per row or cell.
/// </summary>
internal sealed class RowsPage
{
    private readonly byte[] _body;
    private readonly int[] _cells;

    private RowsPage(RowsMetadata metadata, byte[] body, int[] cells, int rowCount)
    {
        Metadata = metadata;
        _body = body;
        _cells = cells;
        RowCount = rowCount;
    }

    public static RowsPage Empty { get; } = new(RowsMetadata.Empty, [], [], 0);

    public RowsMetadata Metadata { get; }

    public int RowCount { get; }

    public int ColumnCount => Metadata.Columns.Length;

    /// <summary>Parses a Rows result body; <paramref name="r"/> is positioned after the result kind.</summary>
    public static RowsPage Read(ref FrameReader r, byte[] body, ProtocolVersion version)
    {
        var metadata = RowsMetadata.Read(ref r, version, preparedVariables: false);
        int rows = r.ReadInt();
        int columns = metadata.Columns.Length;
        if (rows < 0 || (long)rows * columns * 4 > r.Remaining)
        {
            throw new CqlProtocolViolationException($"Row count {rows} does not fit the frame.");
        }

        var cells = new int[rows * columns * 2];
        for (int i = 0, c = 0; i < rows * columns; i++, c += 2)
        {
            (cells[c], cells[c + 1]) = r.SkipBytes();
        }

        return new RowsPage(metadata, body, cells, rows);
    }

    /// <summary>The cell's bytes; false when it is null.</summary>
    public bool TryGetCell(int row, int column, out ReadOnlySpan<byte> value)
    {
        if ((uint)column >= (uint)ColumnCount)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, $"The result has {ColumnCount} columns.");
        }

        int c = ((row * ColumnCount) + column) * 2;
        int length = _cells[c + 1];
        if (length < 0)
        {
            value = default;
            return false;
        }

        value = _body.AsSpan(_cells[c], length);
        return true;
    }
}
