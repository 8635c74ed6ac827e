namespace StreamJobs.Cassandra.Protocol;

/// <summary>A received frame: header fields plus the body, which the frame owns (row sets keep slices of it).</summary>
internal readonly struct Frame(byte version, byte flags, short streamId, Opcode opcode, byte[] body)
{
    /// <summary>Header size of protocol v3 and later.</summary>
    public const int HeaderSize = 9;

    public byte Version { get; } = version;

    public byte Flags { get; } = flags;

    public short StreamId { get; } = streamId;

    public Opcode Opcode { get; } = opcode;

    public byte[] Body { get; } = body;
}
