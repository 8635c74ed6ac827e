namespace StreamJobs.Cassandra;

/// <summary>CQL column types, using the protocol's option ids.</summary>
public enum ColumnTypeCode : ushort
{
    /// <summary>A server-side custom type (opaque bytes).</summary>
    Custom = 0x0000,

    /// <summary>ASCII string.</summary>
    Ascii = 0x0001,

    /// <summary>64-bit signed integer.</summary>
    Bigint = 0x0002,

    /// <summary>Arbitrary bytes.</summary>
    Blob = 0x0003,

    /// <summary>Boolean.</summary>
    Boolean = 0x0004,

    /// <summary>64-bit counter.</summary>
    Counter = 0x0005,

    /// <summary>Arbitrary-precision decimal (not decoded by this client; read it as bytes).</summary>
    Decimal = 0x0006,

    /// <summary>64-bit IEEE-754 float.</summary>
    Double = 0x0007,

    /// <summary>32-bit IEEE-754 float.</summary>
    Float = 0x0008,

    /// <summary>32-bit signed integer.</summary>
    Int = 0x0009,

    /// <summary>Legacy protocol v1 text id, treated as <see cref="Varchar"/>.</summary>
    Text = 0x000A,

    /// <summary>Milliseconds since the Unix epoch.</summary>
    Timestamp = 0x000B,

    /// <summary>UUID.</summary>
    Uuid = 0x000C,

    /// <summary>UTF-8 string (text).</summary>
    Varchar = 0x000D,

    /// <summary>Arbitrary-precision integer (not decoded by this client; read it as bytes).</summary>
    Varint = 0x000E,

    /// <summary>Version 1 (time-based) UUID.</summary>
    Timeuuid = 0x000F,

    /// <summary>IP address.</summary>
    Inet = 0x0010,

    /// <summary>List collection.</summary>
    List = 0x0020,

    /// <summary>Map collection.</summary>
    Map = 0x0021,

    /// <summary>Set collection.</summary>
    Set = 0x0022,

    /// <summary>User-defined type (read as bytes).</summary>
    Udt = 0x0030,

    /// <summary>Tuple (read as bytes).</summary>
    Tuple = 0x0031,
}
