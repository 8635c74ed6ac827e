namespace StreamJobs.FlowEnricher.Windows;

/// <summary>The (local app, remote app) key of a flow window; null apps are a valid key ("unattributed").</summary>
internal readonly struct AppPair(string? local, string? remote) : IEquatable<AppPair>
{
    public string? Local { get; } = local;

    public string? Remote { get; } = remote;

    public bool Equals(AppPair other) =>
        string.Equals(Local, other.Local, StringComparison.Ordinal) && string.Equals(Remote, other.Remote, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is AppPair other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Local?.GetHashCode() ?? 0, Remote?.GetHashCode() ?? 0);
}
