using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra.Tests.Support;

/// <summary>Prepared statements made from a hand-built PREPARED result, for tests without a server.</summary>
internal static class PreparedStatements
{
    public static PreparedStatement With(params (string Name, ColumnTypeCode Type)[] markers)
    {
        var body = ResponseBodies.Body(w =>
        {
            w.WriteInt(0x0001);
            w.WriteInt(markers.Length);
            w.WriteString("ks");
            w.WriteString("t");
            foreach (var (name, type) in markers)
            {
                w.WriteString(name);
                w.WriteUShort((ushort)type);
            }
        });
        var r = new FrameReader(body);
        var variables = RowsMetadata.Read(ref r, ProtocolVersion.V3, preparedVariables: true);
        return new PreparedStatement([0xAB, 0xCD], "INSERT ...", variables, "ks");
    }
}
