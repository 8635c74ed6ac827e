namespace StreamJobs.Streams;

/// <summary>
/// Settings attached to a part of a graph. Like Akka.Streams attributes, the innermost setting wins:
/// a segment's own attributes override the ones inherited from the segment around it.
/// </summary>
public sealed record Attributes
{
    /// <summary>No attributes.</summary>
    public static Attributes None { get; } = new();

    /// <summary>The stage name used in metrics and dead letters.</summary>
    public string? Name { get; init; }

    /// <summary>How failing records are handled.</summary>
    public SupervisionStrategy? Supervision { get; init; }

    /// <summary>The capacity, in batches, of an async boundary.</summary>
    public int? BufferBatches { get; init; }

    /// <summary>These attributes, with anything they leave unset taken from <paramref name="inherited"/>.</summary>
    public Attributes Over(Attributes inherited) =>
        ReferenceEquals(this, None) ? inherited : new Attributes
        {
            Name = Name ?? inherited.Name,
            Supervision = Supervision ?? inherited.Supervision,
            BufferBatches = BufferBatches ?? inherited.BufferBatches,
        };

    /// <summary>What the stages upstream of a named stage inherit: everything but the name, which belongs to the last stage.</summary>
    internal Attributes Upstream() => Name is null ? this : this with { Name = null };
}
