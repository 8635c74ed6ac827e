namespace StreamJobs.Cassandra.Protocol;

/// <summary>Turns a response frame into a body reader, throwing the mapped exception for ERROR frames.</summary>
internal static class FrameParser
{
    private const byte FlagTracing = 0x02;
    private const byte FlagCustomPayload = 0x04;
    private const byte FlagWarning = 0x08;

    /// <summary>Position of the response's own body, after the optional tracing id, payload and warnings.</summary>
    public static int BodyStart(in Frame frame)
    {
        var r = new FrameReader(frame.Body);
        if ((frame.Flags & FlagTracing) != 0)
        {
            r.Skip(16);
        }

        if ((frame.Flags & FlagCustomPayload) != 0)
        {
            int n = r.ReadUShort();
            for (int i = 0; i < n; i++)
            {
                r.ReadString();
                r.SkipBytes();
            }
        }

        if ((frame.Flags & FlagWarning) != 0)
        {
            r.ReadStringList();
        }

        return r.Position;
    }

    /// <summary>A reader over the body; throws the server's error for ERROR frames and rejects unexpected opcodes.</summary>
    public static FrameReader Open(in Frame frame, Opcode expected)
    {
        var r = new FrameReader(frame.Body, BodyStart(frame));
        if (frame.Opcode == Opcode.Error)
        {
            throw ErrorDecoder.Decode(ref r);
        }

        if (frame.Opcode != expected)
        {
            throw new CqlProtocolViolationException($"Expected a {expected} frame, got {frame.Opcode}.");
        }

        return r;
    }
}
