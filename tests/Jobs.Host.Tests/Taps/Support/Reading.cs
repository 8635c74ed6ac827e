namespace StreamJobs.Host.Tests.Taps.Support;

/// <summary>A small record for tap tests.</summary>
public sealed record Reading(long Seq, string Kind, double Value)
{
    public static readonly string[] Kinds = ["cpu", "disk", "net", "mem"];

    public static Reading Number(long seq) => new(seq, Kinds[seq % Kinds.Length], seq % 100);
}
