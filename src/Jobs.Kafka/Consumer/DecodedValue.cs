namespace StreamJobs.Kafka.Consumer;

/// <summary>A record value as decoded inside the client's fetch path: the record, or the error and a copy of the raw bytes.</summary>
internal readonly struct DecodedValue<T>
{
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
}
