namespace StreamJobs.Kafka.Consumer;

/// <summary>
/// A record value as decoded inside the client's fetch path: the record, the error and a copy of the raw bytes, or a
/// tombstone (a null value: the deletion marker of a compacted topic, which no deserializer sees).
/// </summary>
internal readonly struct DecodedValue<T>
{
    public static DecodedValue<T> Tombstone => new(isTombstone: true);

    private DecodedValue(bool isTombstone)
    {
        Record = default;
        Error = null;
        Raw = null;
        IsTombstone = isTombstone;
    }

    public DecodedValue(T record)
    {
        Record = record;
        Error = null;
        Raw = null;
    }

    public DecodedValue(string error, byte[] raw)
    {
        Record = default;
        Error = error;
        Raw = raw;
    }

    public T? Record { get; }

    public string? Error { get; }

    public byte[]? Raw { get; }

    public bool IsTombstone { get; }
}
