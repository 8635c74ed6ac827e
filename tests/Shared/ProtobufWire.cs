namespace StreamJobs.Tests.Shared;

/// <summary>Protobuf wire-format pieces for hand-built test messages (shared by the test projects that need them, linked).</summary>
internal static class ProtobufWire
{
    /// <summary>A length-delimited field: its tag byte, the payload's length as a varint, the payload.</summary>
    public static byte[] Field(byte tag, byte[] payload) => [tag, .. Varint((ulong)payload.Length), .. payload];

    /// <summary>A fixed64 field (wire type 1).</summary>
    public static byte[] Fixed64(byte tag, ulong value) => [tag, .. BitConverter.GetBytes(value)];

    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }
}
