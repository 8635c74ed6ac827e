namespace StreamJobs.IO;

/// <summary>Where and how an NDJSON file sink writes.</summary>
public sealed record NdjsonFileOptions
{
    /// <summary>The folder the files go to (created if missing).</summary>
    public required string Directory { get; init; }

    /// <summary>
    /// The file name prefix: files are <c>&lt;prefix&gt;-0001.ndjson</c>, <c>-0002</c>, … A new run starts at 0001 and removes
    /// the numbered files of this prefix that an earlier run left in the folder.
    /// </summary>
    public required string Prefix { get; init; }

    /// <summary>A file is closed and the next one started past this size (default 64 MiB).</summary>
    public long RotateBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>At most this many files are kept; the oldest are deleted (default 8), so a long demo cannot fill the disk.</summary>
    public int MaxFiles { get; init; } = 8;
}
