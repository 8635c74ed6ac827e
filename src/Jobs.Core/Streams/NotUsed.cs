namespace StreamJobs.Streams;

/// <summary>The materialized value of stages that have none worth returning.</summary>
public sealed class NotUsed
{
    /// <summary>The single instance.</summary>
    public static readonly NotUsed Instance = new();

    private NotUsed() { }

    /// <inheritdoc />
    public override string ToString() => nameof(NotUsed);
}
