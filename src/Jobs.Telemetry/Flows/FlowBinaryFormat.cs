namespace StreamJobs.Telemetry.Flows;

/// <summary>
/// Constants of the flow datagram format (version 1, all integers little-endian, addresses 16 bytes in
/// network order, IPv4 IPv4-mapped). Layout: a 16-byte header, an identity section, then fixed-size records.
/// See docs/flows.md for the byte-by-byte layout.
/// </summary>
public static class FlowBinaryFormat
{
    /// <summary>The magic number: the ASCII bytes "SJFL" read as a little-endian uint.</summary>
    public const uint Magic = 0x4C464A53;

    /// <summary>The only version this code reads and writes.</summary>
    public const byte Version = 1;

    /// <summary>Header size in bytes.</summary>
    public const int HeaderSize = 16;

    /// <summary>Size of every record in bytes.</summary>
    public const int RecordSize = 88;

    /// <summary>The identity index a record uses when the local workload is unknown.</summary>
    public const ushort NoIdentity = 0xFFFF;

    /// <summary>The longest identity, in UTF-8 bytes (its length is stored in one byte).</summary>
    public const int MaxIdentityBytes = 255;

    /// <summary>A datagram payload that fits an Ethernet MTU without fragmentation (1500 - IPv6 40 - UDP 8).</summary>
    public const int DefaultMaxDatagramSize = 1452;

    /// <summary>The most records a datagram of <paramref name="datagramSize"/> bytes can carry without identities.</summary>
    public static int MaxRecordsPerDatagram(int datagramSize) => Math.Max(0, (datagramSize - HeaderSize) / RecordSize);
}
