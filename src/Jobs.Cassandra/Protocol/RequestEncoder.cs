namespace StreamJobs.Cassandra.Protocol;

/// <summary>Writes request bodies that are not statements, and the shared &lt;query_parameters&gt;.</summary>
internal static class RequestEncoder
{
    private const byte FlagValues = 0x01;
    private const byte FlagPageSize = 0x04;
    private const byte FlagPagingState = 0x08;

    private static readonly KeyValuePair<string, string>[] StartupOptions = [new("CQL_VERSION", "3.0.0")];

    public static void WriteStartup(FrameWriter w) => w.WriteStringMap(StartupOptions);

    public static void WritePrepare(FrameWriter w, string cql) => w.WriteLongString(cql);

    /// <summary>
    /// Writes &lt;consistency&gt;&lt;flags&gt;[values][page_size][paging_state]; values come from
    /// <paramref name="types"/> (prepared) or the CLR types (null).
    /// </summary>
    public static void WriteQueryParameters(FrameWriter w, in RequestOptions options, IReadOnlyList<object?> values, IReadOnlyList<CqlColumn>? types)
    {
        w.WriteShort((short)options.Consistency);
        byte flags = 0;
        if (values.Count > 0)
        {
            flags |= FlagValues;
        }

        if (options.PageSize > 0)
        {
            flags |= FlagPageSize;
        }

        if (options.PagingState is not null)
        {
            flags |= FlagPagingState;
        }

        w.WriteByte(flags);
        if (values.Count > 0)
        {
            WriteValues(w, values, types);
        }

        if (options.PageSize > 0)
        {
            w.WriteInt(options.PageSize);
        }

        if (options.PagingState is not null)
        {
            w.WriteBytes(options.PagingState);
        }
    }

    /// <summary>Writes &lt;n&gt; (short) then n [bytes] values.</summary>
    public static void WriteValues(FrameWriter w, IReadOnlyList<object?> values, IReadOnlyList<CqlColumn>? types)
    {
        w.WriteShort((short)values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            var column = types?[i];
            ValueCodec.WriteValue(w, values[i], column?.ColumnType, column?.Name ?? $"value {i}");
        }
    }
}
