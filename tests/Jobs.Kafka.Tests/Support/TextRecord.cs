using StreamJobs.Acknowledgement;

namespace StreamJobs.Kafka.Tests.Support;

/// <summary>A test record "p{partition}-{sequence}" with its receipt.</summary>
public sealed class TextRecord
{
    public required string Text { get; init; }

    public Receipt Receipt { get; set; }

    public int Partition => int.Parse(Text.AsSpan(1, Text.IndexOf('-') - 1));

    public int Sequence => int.Parse(Text.AsSpan(Text.IndexOf('-') + 1));

    public static string Make(int partition, int sequence) => $"p{partition}-{sequence}";
}
