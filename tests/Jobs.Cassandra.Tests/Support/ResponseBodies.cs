using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra.Tests.Support;

/// <summary>Builds response bodies the way a server would, for decoding tests without a server.</summary>
internal static class ResponseBodies
{
    /// <summary>Writes a body with <paramref name="write"/> and returns just the body bytes (no header).</summary>
    public static byte[] Body(Action<FrameWriter> write)
    {
        using var w = new FrameWriter();
        w.BeginFrame(4, Opcode.Result);
        write(w);
        return w.WrittenSpan[Frame.HeaderSize..].ToArray();
    }

    /// <summary>A Rows result: global table spec, the given columns (name, type id), rows of pre-encoded cells (null = null cell).</summary>
    public static byte[] Rows((string Name, ColumnTypeCode Type)[] columns, byte[]?[][] rows, byte[]? pagingState = null) => Body(w =>
    {
        w.WriteInt((int)ResultKind.Rows);
        w.WriteInt(0x0001 | (pagingState is null ? 0 : 0x0002));
        w.WriteInt(columns.Length);
        if (pagingState is not null)
        {
            w.WriteBytes(pagingState);
        }

        w.WriteString("ks");
        w.WriteString("tbl");
        foreach (var (name, type) in columns)
        {
            w.WriteString(name);
            w.WriteUShort((ushort)type);
        }

        w.WriteInt(rows.Length);
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                if (cell is null)
                {
                    w.WriteNullBytes();
                }
                else
                {
                    w.WriteBytes(cell);
                }
            }
        }
    });

    /// <summary>The [bytes] payload ValueCodec produces for a value (without the length prefix).</summary>
    public static byte[] Encode(object value, ColumnType? type = null)
    {
        var body = Body(w => ValueCodec.WriteValue(w, value, type, "v"));
        return body[4..];
    }

    /// <summary>An ERROR body.</summary>
    public static byte[] Error(int code, string message, Action<FrameWriter>? extra = null) => Body(w =>
    {
        w.WriteInt(code);
        w.WriteString(message);
        extra?.Invoke(w);
    });
}
